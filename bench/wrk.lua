-- wrk script of bench/wrk.ts. Arguments after "--": a folder and a scenario name. Each wrk thread
-- reads its own requests from <folder>/<scenario>-<thread>.txt (one "path<TAB>body" a line) and
-- sends each once, in order; when a file holds one line only, that request is sent again and
-- again. A thread that has sent all its one-time requests stops (a note is never asked for twice).
-- done() prints one JSON line for wrk.ts.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("number", #threads)
end

local requests, next, repeating = {}, 0, false

function init(args)
  local file = assert(io.open(args[1] .. "/" .. args[2] .. "-" .. number .. ".txt", "r"))
  local headers = { ["content-type"] = "application/json" }
  for line in file:lines() do
    local path, body = line:match("^([^\t]+)\t(.*)$")
    table.insert(requests, wrk.format("POST", path, headers, body))
  end
  file:close()
  repeating = #requests == 1
end

function request()
  if repeating then return requests[1] end
  next = next + 1
  if next > #requests then
    ran_dry = 1
    wrk.thread:stop()
    return requests[#requests]
  end
  return requests[next]
end

function done(summary, latency)
  local dry = 0
  for _, thread in ipairs(threads) do dry = dry + (thread:get("ran_dry") or 0) end
  io.write(string.format(
    '{"requests":%d,"durationUs":%d,"statusErrors":%d,"socketErrors":%d,"timeouts":%d,"p50Us":%d,"p99Us":%d,"maxUs":%d,"meanUs":%.1f,"threadsRanDry":%d}\n',
    summary.requests, summary.duration, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write, summary.errors.timeout,
    latency:percentile(50), latency:percentile(99), latency.max, latency.mean, dry))
end
