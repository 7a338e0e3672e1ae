// MotCuaBuiltins module. See Docs/Architecture.md.
