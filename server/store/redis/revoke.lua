-- Revokes a pending note. KEYS: note, body, sizes, bytes. ARGV: manageHash, now, id.
-- Returns nil for an unknown id or wrong hash, else the status fields (ca, ea, r, mr, st, ra, va)
-- after the revoke.
if redis.call('HGET', KEYS[1], 'mh') ~= ARGV[1] then return nil end
local n = redis.call('HMGET', KEYS[1], 'st', 'ea')
if n[1] == 'pending' and tonumber(n[2]) > tonumber(ARGV[2]) then
  redis.call('HSET', KEYS[1], 'st', 'revoked', 'va', ARGV[2])
  burn(KEYS[2], KEYS[3], KEYS[4], ARGV[3])
end
return redis.call('HMGET', KEYS[1], 'ca', 'ea', 'r', 'mr', 'st', 'ra', 'va')
