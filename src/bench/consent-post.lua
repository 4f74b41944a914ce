-- wrk script: POST a consent with a fresh visitor id and Idempotency-Key per request.
-- Usage: wrk -t1 -c64 -d20s -s consent-post.lua http://127.0.0.1:8080/api/v1/sites/kommunikationstrainer/consents
local counter = 0
local thread_tag = 0
local non_201 = 0

function setup(thread)
  thread_tag = thread_tag + 1
  thread:set("tag", thread_tag)
end

function init(args)
  math.randomseed(os.time() + (tag or 0) * 7919)
  prefix = string.format("%08x", math.random(0, 0x7fffffff))
end

-- wrk runs LuaJIT (Lua 5.1): no bit operators, so the counter goes into the last group as decimal digits
local function uuid(n)
  return string.format("%s-0000-4000-8000-%012d", prefix, n)
end

request = function()
  counter = counter + 1
  local visitor = uuid(counter)
  local analytics = (counter % 3 == 0) and "false" or "true"
  local body = '{"visitorId":"' .. visitor .. '","configVersion":1,"decisions":{"essential":true,"analytics":' ..
    analytics .. '},"method":"save-settings","language":"de","gpc":false,' ..
    '"pageUrl":"https://kommunikationstrainer.ai/de/preise"}'
  return wrk.format("POST", nil, {
    ["Content-Type"] = "application/json",
    ["Idempotency-Key"] = "bench-" .. visitor,
    ["User-Agent"] = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36"
  }, body)
end

response = function(status, headers, body)
  if status ~= 201 then
    non_201 = non_201 + 1
  end
end

done = function(summary, latency, requests)
  io.write(string.format("non-2xx/5xx responses reported by wrk: %d\n", summary.errors.status))
end
