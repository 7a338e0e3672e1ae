// MotCuaStore module. See Docs/Architecture.md.
