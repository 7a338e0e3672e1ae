// MotCuaHost module. See Docs/Architecture.md.
