// MotCuaHTTP module. See Docs/Architecture.md.
