-- wrk script for the closed loop of bench/domain-services.sh: the same commands as the Java load generator
-- (HttpLoad), a fresh id per request, and one machine-readable result line at the end.
--   wrk -t1 -c256 -d10s -s wrk-commands.lua http://127.0.0.1:PORT/users   (or /orders)

local sequence = 0
local headers = { ["Content-Type"] = "application/json" }

local bodies = {
  ["/users"] = function(n)
    return '{"email":"bench' .. n .. '@example.com","name":"Bench User ' .. n .. '"}'
  end,
  ["/orders"] = function(n)
    return '{"customerId":"customer-' .. (n % 1000) .. '","currency":"EUR","items":['
      .. '{"sku":"KB-MECH-01","quantity":1,"unitPrice":89.90},'
      .. '{"sku":"LAMP-LED-3","quantity":2,"unitPrice":34.90}]}'
  end,
}

local body

init = function(args)
  body = bodies[wrk.path]
  if body == nil then
    error("no commands for " .. wrk.path)
  end
end

request = function()
  sequence = sequence + 1
  return wrk.format("POST", nil, headers, body(sequence))
end

-- Any status but 202 is counted by wrk as a status error: an accepted command is exactly a 202 here.
done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format("result requests=%d non_2xx=%d socket_errors=%d duration_us=%d p50_us=%d p99_us=%d\n",
    summary.requests, errors.status, errors.connect + errors.read + errors.write + errors.timeout,
    summary.duration, latency:percentile(50), latency:percentile(99)))
end
