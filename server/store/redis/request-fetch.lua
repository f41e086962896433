-- Hands out a request's answer once and deletes it. KEYS: request, note, answer, sizes, bytes,
-- outcome (o:<request id>). ARGV: fetchHash, now, id, outcome ms.
-- Returns {'ok', answer, answeredAt} | {'not_found'} | {'not_answered'} | {'gone', state, at or ''}.
--
-- A fetch that hands out the answer keeps its reply under its request id for `outcome ms`: the
-- same request run again (its reply was lost on the way back) gets the answer again instead of
-- "already read". The server deletes the kept reply as soon as the reply reaches it.
local kept = redis.call('GET', KEYS[6])
if kept then return cjson.decode(kept) end
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
local reply = {'ok', answer, r[4]}
redis.call('SET', KEYS[6], cjson.encode(reply), 'PX', ARGV[4])
return reply
