-- Deletes up to one batch of notes past their expiry. KEYS: exp, sizes, bytes.
-- ARGV: now, key prefix, batch size. Returns {notes deleted, ids looked at}.
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[3]))
local deleted = 0
for _, id in ipairs(ids) do
  burn(ARGV[2] .. 'b:' .. id, KEYS[2], KEYS[3], id)
  deleted = deleted + redis.call('DEL', ARGV[2] .. 'n:' .. id)
  redis.call('ZREM', KEYS[1], id)
end
return {deleted, #ids}
