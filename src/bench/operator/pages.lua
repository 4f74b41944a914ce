-- wrk script for the operator benchmark: cycles through the request paths in $URLS_FILE (one per line) with the
-- bearer token in $TOKEN. Used by operator-bench.sh with -t1 -c1, so every latency is one request alone.
local paths = {}
local index = 0

init = function(args)
  for line in io.lines(os.getenv("URLS_FILE")) do
    if #line > 0 then paths[#paths + 1] = line end
  end
  wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
end

request = function()
  index = index % #paths + 1
  return wrk.format("GET", paths[index])
end

response = function(status, headers, body)
  if status ~= 200 then
    io.stderr:write("HTTP " .. status .. "\n")
  end
end

done = function(summary, latency, requests)
  io.write(string.format("  p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms, %d requests, %d errors/timeouts\n",
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    summary.requests, summary.errors.status + summary.errors.timeout + summary.errors.read + summary.errors.connect))
end
