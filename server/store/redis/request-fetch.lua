-- Hands out a request's answer once and deletes it. KEYS: request, note, answer, sizes, bytes.
-- ARGV: fetchHash, now, id.
-- Returns {'ok', answer, answeredAt} | {'not_found'} | {'not_answered'} | {'gone', state, at or ''}.
local r = redis.call('HMGET', KEYS[1], 'fh', 'ea', 'st', 'aa', 'ra', 'va')
if not r[1] or r[1] ~= ARGV[1] then return {'not_found'} end
local id = ARGV[3]
local state = r[3]
if (state == 'waiting' or state == 'answered') and tonumber(r[2]) <= tonumber(ARGV[2]) then
  burn(KEYS[2], KEYS[4], KEYS[5], 'qn:' .. id)
  burn(KEYS[3], KEYS[4], KEYS[5], 'qa:' .. id)
  return {'gone', 'expired', r[2]}
end
if state == 'waiting' then return {'not_answered'} end
if state == 'revoked' then return {'gone', state, r[6]} end
local answer = state == 'answered' and redis.call('GET', KEYS[3])
if not answer then return {'gone', 'read', r[5]} end
burn(KEYS[3], KEYS[4], KEYS[5], 'qa:' .. id)
redis.call('HSET', KEYS[1], 'st', 'read', 'ra', ARGV[2])
return {'ok', answer, r[4]}
