-- Stores the one answer of a request, atomically. KEYS: request, note, answer, sizes, bytes,
-- request expiries. ARGV: answerHash, answer, now, id, maxBytes, tombstone ms.
-- Returns {'ok', answeredAt, expiresAt} | {'not_found'} | {'gone', state, at or ''} | {'full'}.
-- The same answer sent again while it waits (a resent command, a retried request) gets 'ok' again.
local r = redis.call('HMGET', KEYS[1], 'ah', 'ca', 'ea', 'st', 'aa', 'ra', 'va')
if not r[1] or r[1] ~= ARGV[1] then return {'not_found'} end
local id = ARGV[4]
local now = tonumber(ARGV[3])
local state = r[4]
if (state == 'waiting' or state == 'answered') and tonumber(r[3]) <= now then
  burn(KEYS[2], KEYS[4], KEYS[5], 'qn:' .. id)
  burn(KEYS[3], KEYS[4], KEYS[5], 'qa:' .. id)
  return {'gone', 'expired', r[3]}
end
if state == 'answered' then
  if redis.call('GET', KEYS[3]) == ARGV[2] then return {'ok', r[5], r[3]} end
  return {'gone', state, r[5]}
end
if state == 'read' then return {'gone', state, r[6]} end
if state ~= 'waiting' then return {'gone', state, r[7]} end
local size = string.len(ARGV[2])
local noteSize = tonumber(redis.call('HGET', KEYS[4], 'qn:' .. id) or '0')
local cap = tonumber(ARGV[5])
if cap > 0 and tonumber(redis.call('GET', KEYS[5]) or '0') - noteSize + size > cap then return {'full'} end
burn(KEYS[2], KEYS[4], KEYS[5], 'qn:' .. id)
-- The answer waits as long as the request's whole lifetime, counted from now.
local expiresAt = string.format('%.0f', now + tonumber(r[3]) - tonumber(r[2]))
redis.call('SET', KEYS[3], ARGV[2], 'PXAT', expiresAt)
redis.call('HSET', KEYS[4], 'qa:' .. id, size)
redis.call('INCRBY', KEYS[5], size)
redis.call('HSET', KEYS[1], 'st', 'answered', 'aa', ARGV[3], 'ea', expiresAt)
redis.call('PEXPIREAT', KEYS[1], string.format('%.0f', tonumber(expiresAt) + tonumber(ARGV[6])))
redis.call('ZADD', KEYS[6], expiresAt, id)
return {'ok', ARGV[3], expiresAt}
