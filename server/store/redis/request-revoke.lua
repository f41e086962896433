-- Withdraws a waiting or answered request. KEYS: request, note, answer, sizes, bytes.
-- ARGV: fetchHash, now, id. Returns nil for an unknown id or wrong hash, else the status fields
-- (ca, ea, st, aa, ra, va) after the revoke.
if redis.call('HGET', KEYS[1], 'fh') ~= ARGV[1] then return nil end
local r = redis.call('HMGET', KEYS[1], 'st', 'ea')
if (r[1] == 'waiting' or r[1] == 'answered') and tonumber(r[2]) > tonumber(ARGV[2]) then
  redis.call('HSET', KEYS[1], 'st', 'revoked', 'va', ARGV[2])
  burn(KEYS[2], KEYS[4], KEYS[5], 'qn:' .. ARGV[3])
  burn(KEYS[3], KEYS[4], KEYS[5], 'qa:' .. ARGV[3])
end
return redis.call('HMGET', KEYS[1], 'ca', 'ea', 'st', 'aa', 'ra', 'va')
