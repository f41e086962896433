-- Burns the envelopes of notes past their expiry, and deletes the records of notes past their
-- tombstone time, up to one batch of each. KEYS: exp, tomb, sizes, bytes.
-- ARGV: now, key prefix, batch size. Returns {records deleted, ids looked at in all}.
local batch = tonumber(ARGV[3])
local expired = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, batch)
for _, id in ipairs(expired) do
  burn(ARGV[2] .. 'b:' .. id, KEYS[3], KEYS[4], id)
  redis.call('ZREM', KEYS[1], id)
end
local done = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', ARGV[1], 'LIMIT', 0, batch)
local deleted = 0
for _, id in ipairs(done) do
  -- Normally burned above long ago; a record kept past its body's expiry never holds one.
  burn(ARGV[2] .. 'b:' .. id, KEYS[3], KEYS[4], id)
  deleted = deleted + redis.call('DEL', ARGV[2] .. 'n:' .. id)
  redis.call('ZREM', KEYS[2], id)
  redis.call('ZREM', KEYS[1], id)
end
return {deleted, math.max(#expired, #done)}
