-- Burns a note's envelope: deletes it and gives its bytes back to the cap. Prepended to the
-- scripts that burn (create.lua does not).
local function burn(body, sizes, bytes, id)
  redis.call('DEL', body)
  local size = redis.call('HGET', sizes, id)
  if size then
    redis.call('HDEL', sizes, id)
    redis.call('DECRBY', bytes, size)
  end
end
