import { readFileSync } from 'node:fs';
import { lauxlib, lua, lualib, to_luastring } from 'fengari';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type State = ReturnType<typeof lauxlib.luaL_newstate>;

/** Result of one call of a Fluent Bit Lua filter callback: `code, timestamp, record`. */
export interface LuaFilterResult {
  code: number;
  record: Record<string, Json>;
}

// Fluent Bit turns msgpack maps/arrays into Lua tables the same way: arrays are 1-based
// sequences, maps are string-keyed tables.
function push(L: State, value: Json): void {
  if (value === null) lua.lua_pushnil(L);
  else if (typeof value === 'boolean') lua.lua_pushboolean(L, value);
  else if (typeof value === 'number') {
    // fengari's integers are 32-bit; larger whole numbers go in as floats (Lua 5.3 formats
    // integral floats with %d, as LuaJIT does).
    if (Number.isInteger(value) && Math.abs(value) < 2 ** 31) lua.lua_pushinteger(L, value);
    else lua.lua_pushnumber(L, value);
  } else if (typeof value === 'string') lua.lua_pushstring(L, to_luastring(value));
  else if (Array.isArray(value)) {
    lua.lua_createtable(L, value.length, 0);
    value.forEach((item, i) => {
      push(L, item);
      lua.lua_seti(L, -2, i + 1);
    });
  } else {
    lua.lua_createtable(L, 0, Object.keys(value).length);
    for (const [key, item] of Object.entries(value)) {
      push(L, item);
      lua.lua_setfield(L, -2, to_luastring(key));
    }
  }
}

// A table whose keys are exactly 1..n reads back as an array (what Fluent Bit packs as msgpack array).
function read(L: State, index: number): Json {
  const type = lua.lua_type(L, index);
  if (type === lua.LUA_TBOOLEAN) return lua.lua_toboolean(L, index);
  if (type === lua.LUA_TNUMBER) return lua.lua_tonumber(L, index);
  if (type === lua.LUA_TSTRING) return lua.lua_tojsstring(L, index);
  if (type !== lua.LUA_TTABLE) return null;
  const entries: [string, Json][] = [];
  lua.lua_pushvalue(L, index);
  lua.lua_pushnil(L);
  while (lua.lua_next(L, -2) !== 0) {
    lua.lua_pushvalue(L, -2);
    const key = lua.lua_tojsstring(L, -1);
    lua.lua_pop(L, 1);
    entries.push([key, read(L, lua.lua_gettop(L))]);
    lua.lua_pop(L, 1);
  }
  lua.lua_pop(L, 1);
  const isArray =
    entries.length > 0 &&
    entries.every(([key]) => /^\d+$/.test(key)) &&
    entries
      .map(([key]) => Number(key))
      .sort((a, b) => a - b)
      .every((n, i) => n === i + 1);
  if (isArray) return entries.sort((a, b) => Number(a[0]) - Number(b[0])).map(([, v]) => v);
  return Object.fromEntries(entries);
}

/**
 * Loads a Fluent Bit Lua filter script into a fresh Lua VM and calls `callName` the way Fluent
 * Bit does with `time_as_table On`: (tag, { sec, nsec }, record).
 */
export function runLuaFilter(
  scriptPath: string,
  callName: string,
  tag: string,
  time: { sec: number; nsec: number },
  record: Record<string, Json>,
): LuaFilterResult {
  const L = lauxlib.luaL_newstate();
  lualib.luaL_openlibs(L);
  if (lauxlib.luaL_dostring(L, to_luastring(readFileSync(scriptPath, 'utf8'))) !== 0) {
    throw new Error(`Lua script failed to load: ${lua.lua_tojsstring(L, -1)}`);
  }
  lua.lua_getglobal(L, to_luastring(callName));
  push(L, tag);
  push(L, time);
  push(L, record);
  if (lua.lua_pcall(L, 3, 3, 0) !== 0) {
    throw new Error(`Lua callback failed: ${lua.lua_tojsstring(L, -1)}`);
  }
  const code = lua.lua_tonumber(L, -3);
  const out = read(L, -1);
  lua.lua_settop(L, 0);
  return { code, record: out as Record<string, Json> };
}
