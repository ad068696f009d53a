-- wrk script for tests/bench/serve_load.py: each request is drawn at random from a file of
-- requests written beforehand, so that a run asks about the whole catalogue.
--
--   wrk -t1 -c8 -d10s --latency -s requests.lua http://127.0.0.1:PORT -- FILE [PATH]
--
-- Without PATH each line of FILE is a path to GET; with PATH each line is a JSON body to POST to
-- PATH. At the end one line of JSON gives the figures serve_load.py reads.

local prepared = {}

function init(args)
  local file, post_path = args[1], args[2]
  for line in io.lines(file) do
    if post_path then
      prepared[#prepared + 1] =
        wrk.format("POST", post_path, {["Content-Type"] = "application/json"}, line)
    else
      prepared[#prepared + 1] = wrk.format("GET", line)
    end
  end
  math.randomseed(20240901)
end

function request()
  return prepared[math.random(#prepared)]
end

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    '{"requests": %d, "microseconds": %d, "p50": %d, "p99": %d, "max": %d, ' ..
    '"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    latency.max, errors.connect, errors.read, errors.write, errors.status, errors.timeout))
end
