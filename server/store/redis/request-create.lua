-- Stores a new request. KEYS: request, note, sizes, bytes, request expiries.
-- ARGV: answerHash, fetchHash, createdAt, expiresAt, note, id, maxBytes, tombstone ms.
-- Returns 1 when stored (also when this very request was stored already: a resent create),
-- 0 when the byte cap would be passed.
if redis.call('EXISTS', KEYS[1]) == 1 then
  local held = redis.call('HMGET', KEYS[1], 'ah', 'fh')
  if held[1] == ARGV[1] and held[2] == ARGV[2] then return 1 end
  return redis.error_reply('request id already exists')
end
local size = string.len(ARGV[5])
local cap = tonumber(ARGV[7])
if cap > 0 and tonumber(redis.call('GET', KEYS[4]) or '0') + size > cap then return 0 end
redis.call('HSET', KEYS[1], 'ah', ARGV[1], 'fh', ARGV[2], 'ca', ARGV[3], 'ea', ARGV[4], 'st', 'waiting',
  'aa', '', 'ra', '', 'va', '')
redis.call('PEXPIREAT', KEYS[1], tonumber(ARGV[4]) + tonumber(ARGV[8]))
redis.call('SET', KEYS[2], ARGV[5], 'PXAT', ARGV[4])
redis.call('ZADD', KEYS[5], ARGV[4], ARGV[6])
redis.call('HSET', KEYS[3], 'qn:' .. ARGV[6], size)
redis.call('INCRBY', KEYS[4], size)
return 1
