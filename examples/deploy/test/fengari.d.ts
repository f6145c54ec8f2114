// The slice of fengari's API (a Lua 5.3 VM in JavaScript) the Lua filter test uses.
declare module 'fengari' {
  type State = object;
  export const lua: {
    LUA_TNIL: number;
    LUA_TBOOLEAN: number;
    LUA_TNUMBER: number;
    LUA_TSTRING: number;
    LUA_TTABLE: number;
    lua_getglobal(L: State, name: Uint8Array): number;
    lua_pushnil(L: State): void;
    lua_pushboolean(L: State, b: boolean): void;
    lua_pushinteger(L: State, n: number): void;
    lua_pushnumber(L: State, n: number): void;
    lua_pushstring(L: State, s: Uint8Array): void;
    lua_createtable(L: State, narr: number, nrec: number): void;
    lua_setfield(L: State, index: number, key: Uint8Array): void;
    lua_seti(L: State, index: number, i: number): void;
    lua_pcall(L: State, nargs: number, nresults: number, msgh: number): number;
    lua_next(L: State, index: number): number;
    lua_type(L: State, index: number): number;
    lua_toboolean(L: State, index: number): boolean;
    lua_tonumber(L: State, index: number): number;
    lua_tojsstring(L: State, index: number): string;
    lua_pushvalue(L: State, index: number): void;
    lua_pop(L: State, n: number): void;
    lua_gettop(L: State): number;
    lua_settop(L: State, index: number): void;
  };
  export const lauxlib: {
    luaL_newstate(): State;
    luaL_dostring(L: State, s: Uint8Array): number;
  };
  export const lualib: { luaL_openlibs(L: State): void };
  export function to_luastring(s: string): Uint8Array;
}
