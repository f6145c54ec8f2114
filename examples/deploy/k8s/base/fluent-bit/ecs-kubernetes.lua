-- Fluent Bit Lua filter: Kubernetes metadata -> ECS 9.4 fields, for ecotrace's ECS lines.
--
-- Why: ECS has no `kubernetes` field set. Left as is, the kubernetes filter's map would put
-- pod labels under kubernetes.labels.*, where `app` and `app.kubernetes.io/name` become an
-- object and a keyword at the same path and Elasticsearch rejects one of them. ECS has homes
-- for all of it: orchestrator.* (cluster, namespace, pod), container.* and host.name (node).
-- Labels become orchestrator.resource.label, ECS's keyword array of "key:value" strings.
--
-- Fields the service already wrote win: a value is only added when the record has no value at
-- that path, dotted ("container.id") or nested ({ container = { id = ... } }).
--
-- Runs on Fluent Bit's LuaJIT (Lua 5.1): no integer division, no goto, no utf8 library.

local CLUSTER_NAME = os.getenv('CLUSTER_NAME')
local ECS_VERSION = '9.4.0'

local function present(record, name)
  if record[name] ~= nil then
    return true
  end
  local node = record
  for part in string.gmatch(name, '[^.]+') do
    if type(node) ~= 'table' then
      return false
    end
    node = node[part]
    if node == nil then
      return false
    end
  end
  return true
end

local function put(record, name, value)
  if value == nil or value == '' then
    return
  end
  if not present(record, name) then
    record[name] = value
  end
end

-- "registry:5000/team/app:1.2.3" -> "registry:5000/team/app", "1.2.3"; a digest has no tag.
local function split_image(image)
  if type(image) ~= 'string' then
    return nil, nil
  end
  local by_digest = string.match(image, '^(.-)@')
  if by_digest then
    return by_digest, nil
  end
  local name, tag = string.match(image, '^(.*):([^:/]+)$')
  if name then
    return name, tag
  end
  return image, nil
end

local function label_list(labels)
  if type(labels) ~= 'table' then
    return nil
  end
  local out = {}
  for key, value in pairs(labels) do
    out[#out + 1] = tostring(key) .. ':' .. tostring(value)
  end
  if #out == 0 then
    return nil
  end
  -- Stable order, so two lines of one pod carry identical arrays.
  table.sort(out)
  return out
end

-- Epoch seconds -> "YYYY-MM-DDThh:mm:ss" in UTC, by arithmetic (H. Hinnant's civil_from_days):
-- os.date's "!" (UTC) prefix is not available in every Lua runtime this is tested on.
local function utc_datetime(epoch)
  -- Modulo first: no product of two large numbers (32-bit integer VMs overflow on days * 86400).
  local secs = epoch % 86400
  local days = (epoch - secs) / 86400
  local z = days + 719468
  local era = math.floor(z / 146097)
  local doe = z - era * 146097
  local yoe = math.floor((doe - math.floor(doe / 1460) + math.floor(doe / 36524) - math.floor(doe / 146096)) / 365)
  local doy = doe - (365 * yoe + math.floor(yoe / 4) - math.floor(yoe / 100))
  local mp = math.floor((5 * doy + 2) / 153)
  local day = doy - math.floor((153 * mp + 2) / 5) + 1
  local month = mp < 10 and mp + 3 or mp - 9
  local year = yoe + era * 400 + (month <= 2 and 1 or 0)
  return string.format('%04d-%02d-%02dT%02d:%02d:%02d', year, month, day,
    math.floor(secs / 3600), math.floor(secs / 60) % 60, secs % 60)
end

-- Fluent Bit's record time (time_as_table: { sec, nsec }) as ECS @timestamp, milliseconds.
local function iso_time(ts)
  local sec, nsec = ts, 0
  if type(ts) == 'table' then
    sec, nsec = ts.sec, ts.nsec or 0
  else
    sec = math.floor(ts)
    nsec = (ts - sec) * 1000000000
  end
  return utc_datetime(sec) .. string.format('.%03dZ', math.floor(nsec / 1000000))
end

-- Health-probe paths whose successful access lines are noise. The logger already skips them
-- (its healthPaths option); this catches services that log them anyway. A failing probe
-- (status 400 and above, or no status: the client left) is kept: that is the line to look at.
local PROBE_PATHS = { ['/healthz'] = true, ['/readyz'] = true, ['/livez'] = true, ['/metrics'] = true }

-- A value at a dotted path, written dotted at the top level ("url.path", as ours are) or nested.
local function lookup(record, name)
  local value = record[name]
  if value ~= nil then
    return value
  end
  local node = record
  for part in string.gmatch(name, '[^.]+') do
    if type(node) ~= 'table' then
      return nil
    end
    node = node[part]
  end
  return node
end

local function successful_probe(record)
  if not PROBE_PATHS[lookup(record, 'url.path')] then
    return false
  end
  local status = tonumber(lookup(record, 'http.response.status_code'))
  return status ~= nil and status >= 200 and status < 400
end

-- Level of a non-JSON stderr record by what it says: Node's warnings
-- ("(node:PID) [DEP0005] DeprecationWarning: ...", "(node:PID) Warning: ...") are warnings;
-- anything else on stderr (a crash's stack, an error printed by a library) is an error.
local function stderr_level(text)
  local rest = string.match(text, '^%(node:%d+%) (.*)$')
  if rest then
    rest = string.gsub(rest, '^%[[%w_]+%] ', '')
    if string.match(rest, '^%w*Warning: ') then
      return 'warn'
    end
  end
  return 'error'
end

-- A 52-bit hash of a string as 13 hex digits: two polynomial hashes modulo primes below 2^26,
-- exact in doubles (no bit library: the same code runs on LuaJIT and Lua 5.3).
local function hash52(text)
  local h1, h2 = 0, 0
  for i = 1, #text do
    local b = string.byte(text, i)
    h1 = (h1 * 31 + b) % 67108859
    h2 = (h2 * 37 + b) % 67108837
  end
  return string.format('%07x%06x', h1, math.floor(h2 / 4))
end

-- The document's _id (the es output's Id_Key): the line's file (Path_Key), byte offset
-- (Offset_Key) and containerd's write time (the record time, from the CRI line). Unique per line
-- (a rotated file restarts its offsets, not its times) and the same each time the line is read
-- or retried. Generate_ID's hash of the whole record is not: this filter's output key order
-- changes from one Fluent Bit process to the next (Lua tables are unordered), so a line read
-- again after a restart got a new _id and was indexed twice.
-- The path's hash, once per file.
local path_hashes, path_hash_count = {}, 0

local function line_id(tag, timestamp, record)
  local path = record['log.file.path']
  local offset = tonumber(record['event.sequence'])
  if type(path) ~= 'string' or offset == nil then
    return nil
  end
  local sec, nsec = timestamp, 0
  if type(timestamp) == 'table' then
    sec, nsec = timestamp.sec, timestamp.nsec or 0
  end
  local prefix = path_hashes[path]
  if prefix == nil then
    path_hash_count = path_hash_count + 1
    if path_hash_count > 4096 then
      -- Bounded: pods come and go; start over rather than grow.
      path_hashes, path_hash_count = {}, 1
    end
    prefix = hash52(path)
    path_hashes[path] = prefix
  end
  return string.format('%s-%d%09d-%d', prefix, sec, nsec, offset)
end

function kubernetes_to_ecs(tag, timestamp, record)
  if successful_probe(record) then
    -- -1: drop the record.
    return -1, timestamp, record
  end

  local k8s = record['kubernetes']
  if type(k8s) == 'table' then
    put(record, 'orchestrator.type', 'kubernetes')
    put(record, 'orchestrator.cluster.name', CLUSTER_NAME)
    put(record, 'orchestrator.namespace', k8s['namespace_name'])
    put(record, 'orchestrator.resource.type', 'pod')
    put(record, 'orchestrator.resource.name', k8s['pod_name'])
    put(record, 'orchestrator.resource.id', k8s['pod_id'])
    put(record, 'orchestrator.resource.label', label_list(k8s['labels']))
    put(record, 'container.name', k8s['container_name'])
    put(record, 'container.id', k8s['docker_id'])
    local image, image_tag = split_image(k8s['container_image'])
    put(record, 'container.image.name', image)
    if image_tag then
      put(record, 'container.image.tag', { image_tag })
    end
    put(record, 'host.name', k8s['host'])
    record['kubernetes'] = nil
  end

  -- A line that was not JSON (Merge_Log left it in `log` as a string): make it a minimal ECS
  -- document so the data stream accepts it and a search for errors finds a crash.
  local text = record['log']
  if type(text) == 'string' then
    if string.match(text, '^%s*$') then
      -- A blank line (between two stderr messages) says nothing: not a document.
      return -1, timestamp, record
    end
    put(record, 'message', text)
    record['log'] = nil
    put(record, '@timestamp', iso_time(timestamp))
    put(record, 'ecs.version', ECS_VERSION)
    if record['stream'] == 'stderr' then
      put(record, 'log.level', stderr_level(text))
    else
      put(record, 'log.level', 'info')
    end
  end

  -- CRI parser leftovers. `stream` is not an ECS field; labels.* is ECS's place for it.
  put(record, 'labels.stream', record['stream'])
  record['stream'] = nil
  record['_p'] = nil
  record['time'] = nil

  -- Ours: the logger never writes a top-level `ecotrace` key (it displaces one).
  local id = line_id(tag, timestamp, record)
  if id and record['ecotrace.line_id'] == nil then
    record['ecotrace.line_id'] = id
  end

  -- 2: record changed, timestamp kept.
  return 2, timestamp, record
end
