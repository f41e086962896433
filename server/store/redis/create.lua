-- Stores a new note. KEYS: note, body, sizes, bytes, exp, tomb.
-- ARGV: keyHash, readHash, manageHash, passphrase (0/1), createdAt, expiresAt, maxReads, envelope, id,
-- maxBytes, tombstone ms (how long the note's record outlives its expiry).
-- Returns 1 when stored, 0 when the byte cap would be passed.
-- The id is random per create: a note already stored under it with the same key hash is this
-- create run again (its answer was lost), and succeeds again without storing anything twice.
local existing = redis.call('HGET', KEYS[1], 'kh')
if existing then
  if existing == ARGV[1] then return 1 end
  return redis.error_reply('note id already exists')
end
local size = string.len(ARGV[8])
local cap = tonumber(ARGV[10])
if cap > 0 and tonumber(redis.call('GET', KEYS[4]) or '0') + size > cap then return 0 end
redis.call('HSET', KEYS[1], 'kh', ARGV[1], 'rh', ARGV[2], 'mh', ARGV[3], 'pp', ARGV[4],
  'ca', ARGV[5], 'ea', ARGV[6], 'mr', ARGV[7], 'r', 0, 'fa', 0, 'lu', '', 'st', 'pending', 'ra', '', 'va', '')
local tombUntil = tonumber(ARGV[6]) + tonumber(ARGV[11])
redis.call('PEXPIREAT', KEYS[1], tombUntil)
redis.call('SET', KEYS[2], ARGV[8], 'PXAT', ARGV[6])
redis.call('ZADD', KEYS[5], ARGV[6], ARGV[9])
redis.call('ZADD', KEYS[6], tombUntil, ARGV[9])
redis.call('HSET', KEYS[3], ARGV[9], size)
redis.call('INCRBY', KEYS[4], size)
return 1
