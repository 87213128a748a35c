-- wrk script for bench/reservations.sh: one reserveStock per request, one line of 1 unit, ttlSeconds 900.
-- Environment: TOKEN (bearer token), RUN_ID (makes the idempotency keys unique across runs), and either
-- HOT_SKU (every request on that SKU) or SKU_PREFIX + SKU_COUNT (a uniformly random SKU of
-- SKU_PREFIX0001..SKU_PREFIX<SKU_COUNT>). Each request gets its own idempotency key
-- (RUN_ID-thread-counter), so none is a replay.
-- done() prints one line starting with RESULT that bench/reservations.sh reads: throughput, p50 and p99
-- in microseconds, and the answers counted by kind (reserved, INSUFFICIENT_STOCK, any other user error or
-- GraphQL error, non-2xx, socket errors and time-outs).

local token = os.getenv("TOKEN") or error("TOKEN is not set")
local run_id = os.getenv("RUN_ID") or error("RUN_ID is not set")
local hot_sku = os.getenv("HOT_SKU")
local sku_prefix = os.getenv("SKU_PREFIX")
local sku_count = tonumber(os.getenv("SKU_COUNT") or "0")
if (hot_sku == nil or hot_sku == "") and (sku_prefix == nil or sku_count < 1) then
  error("set HOT_SKU, or SKU_PREFIX and SKU_COUNT")
end

local mutation = "mutation($i: ReserveStockInput!, $k: String!) { reserveStock(input: $i, idempotencyKey: $k) "
  .. "{ reservation { id } userErrors { code } } }"

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = "application/graphql-response+json"
wrk.headers["Authorization"] = "Bearer " .. token

local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("thread_number", #threads)
end

function init(args)
  counter = 0
  reserved = 0
  insufficient = 0
  other = 0
  non2xx = 0
  sample = ""
  math.randomseed(os.time() * 1000 + thread_number)
end

function request()
  counter = counter + 1
  local sku = hot_sku
  if sku == nil or sku == "" then
    sku = string.format("%s%04d", sku_prefix, math.random(1, sku_count))
  end
  local key = string.format("%s-%d-%d", run_id, thread_number, counter)
  local body = string.format(
    '{"query":"%s","variables":{"i":{"lines":[{"sku":"%s","warehouseCode":"MAIN","quantity":1}],"ttlSeconds":900},"k":"%s"}}',
    mutation, sku, key)
  return wrk.format(nil, nil, nil, body)
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
    if sample == "" then sample = "HTTP " .. status .. ": " .. string.sub(body or "", 1, 300) end
    return
  end
  if string.find(body, '"userErrors":[]', 1, true) and string.find(body, '"reservation":{"id":', 1, true)
      and not string.find(body, '"errors":', 1, true) then
    reserved = reserved + 1
  elseif string.find(body, '"userErrors":[{"code":"INSUFFICIENT_STOCK"}]', 1, true) then
    insufficient = insufficient + 1
  else
    other = other + 1
    if sample == "" then sample = string.sub(body, 1, 300) end
  end
end

function done(summary, latency, requests)
  local totals = { reserved = 0, insufficient = 0, other = 0, non2xx = 0 }
  local first_sample = ""
  for _, thread in ipairs(threads) do
    for name, _ in pairs(totals) do
      totals[name] = totals[name] + (thread:get(name) or 0)
    end
    local s = thread:get("sample")
    if first_sample == "" and s ~= nil then first_sample = s end
  end
  local e = summary.errors
  local socket_errors = e.connect + e.read + e.write + e.timeout
  io.write(string.format(
    "RESULT rps=%.1f p50_us=%d p99_us=%d requests=%d reserved=%d insufficient=%d other=%d non2xx=%d socket_errors=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50), latency:percentile(99), summary.requests,
    totals.reserved, totals.insufficient, totals.other, totals.non2xx, socket_errors))
  if first_sample ~= "" then
    io.write("SAMPLE " .. string.gsub(first_sample, "\n", " ") .. "\n")
  end
end
