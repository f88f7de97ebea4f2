-- wrk script: POST /api/v2/alerts with 64 alerts per request shaped like loadgen.py's
-- (8 labels, 2 annotations). Alert numbers cycle through `wrk -s post_alerts.lua URL -- N`
-- (default 100000), so the first pass inserts and later passes update.
--   wrk -t1 -c4 -d5s -s scripts/bench/post_alerts.lua http://127.0.0.1:9093 -- 100000
local n, batch, counter = 100000, 64, 0
local severities = {"critical", "warning", "info"}
local teams = {"infra", "db", "web", "payments"}

function init(args)
  if args[1] then n = tonumber(args[1]) end
  -- Each wrk thread starts at its own offset.
  counter = math.random(0, n - 1)
end

local function alert(i, ends)
  local inst = string.format("wrk-%06d:9100", i)
  local job = string.format("job%02d", i % 10)
  return string.format(
    '{"labels":{"alertname":"LoadAlert%03d","instance":"%s","job":"%s","severity":"%s",' ..
    '"cluster":"cluster%d","namespace":"ns%02d","pod":"pod-%06d","team":"%s"},' ..
    '"annotations":{"summary":"%s (%s) is down","description":"%s has not answered a scrape for 5 minutes"},' ..
    '"endsAt":"%s"}',
    i % 100, inst, job, severities[i % 3 + 1], i % 5, i % 20, i, teams[i % 4 + 1], inst, job, inst, ends)
end

function request()
  local ends = os.date("!%Y-%m-%dT%H:%M:%SZ", os.time() + 3600)
  local parts = {}
  for k = 1, batch do
    parts[k] = alert(counter % n, ends)
    counter = counter + 1
  end
  return wrk.format("POST", "/api/v2/alerts", {["Content-Type"] = "application/json"},
                    "[" .. table.concat(parts, ",") .. "]")
end
