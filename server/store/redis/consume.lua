-- Counts one read, atomically. KEYS: note, body, sizes, bytes, outcome (o:<request id>).
-- ARGV: keyHash, readHash, now, id, outcome ms, most wrong passphrase attempts (max), then max
-- numbers: the lock in ms after the 1st, 2nd, ... wrong attempt (0: none), from passphraseLockout.
-- Returns {'ok', envelope, readsLeft} | {'not_found'} | {'gone', state, at or ''}
--   | {'wrong_passphrase', attemptsLeft, lockedUntil or ''} | {'locked', lockedUntil}.
--
-- A consume that changes something (a read, a wrong attempt) keeps its answer under its request
-- id for `outcome ms`: the same request run again (its answer was lost on the way back) gets the
-- same answer and changes nothing twice. The server deletes a kept read (it holds the envelope)
-- as soon as the answer reaches it.
local kept = redis.call('GET', KEYS[5])
if kept then return cjson.decode(kept) end
local function keep(reply)
  redis.call('SET', KEYS[5], cjson.encode(reply), 'PX', ARGV[5])
  return reply
end
local n = redis.call('HMGET', KEYS[1], 'kh', 'rh', 'pp', 'ea', 'mr', 'r', 'fa', 'st', 'ra', 'va', 'lu')
if not n[1] or n[1] ~= ARGV[1] then return {'not_found'} end
local now = tonumber(ARGV[3])
local expiresAt = tonumber(n[4])
local state = n[8]
if state == 'pending' and expiresAt <= now then
  burn(KEYS[2], KEYS[3], KEYS[4], ARGV[4])
  return {'gone', 'expired', n[4]}
end
if state ~= 'pending' then
  if state == 'read' then return {'gone', state, n[9]} end
  return {'gone', state, n[10]}
end
-- While locked, nothing is checked or counted.
if n[11] and n[11] ~= '' and tonumber(n[11]) > now then return {'locked', n[11]} end
if n[2] ~= ARGV[2] then
  if n[3] ~= '1' then return {'not_found'} end
  local failed = redis.call('HINCRBY', KEYS[1], 'fa', 1)
  local left = tonumber(ARGV[6]) - failed
  if left <= 0 then
    redis.call('HSET', KEYS[1], 'st', 'destroyed', 'va', ARGV[3])
    burn(KEYS[2], KEYS[3], KEYS[4], ARGV[4])
    return keep({'wrong_passphrase', 0, ''})
  end
  local lock = tonumber(ARGV[6 + failed]) or 0
  if lock == 0 then return keep({'wrong_passphrase', left, ''}) end
  local lockedUntil = now + lock
  redis.call('HSET', KEYS[1], 'lu', lockedUntil)
  return keep({'wrong_passphrase', left, lockedUntil})
end
local envelope = redis.call('GET', KEYS[2])
if not envelope then return {'gone', 'read', n[9]} end
local reads = redis.call('HINCRBY', KEYS[1], 'r', 1)
redis.call('HSET', KEYS[1], 'ra', ARGV[3])
local left = tonumber(n[5]) - reads
if left <= 0 then
  redis.call('HSET', KEYS[1], 'st', 'read')
  burn(KEYS[2], KEYS[3], KEYS[4], ARGV[4])
  left = 0
end
return keep({'ok', envelope, left})
