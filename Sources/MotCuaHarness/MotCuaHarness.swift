// MotCuaHarness module. See Docs/Architecture.md.
