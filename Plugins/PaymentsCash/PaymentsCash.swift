// The `payments.cash` plugin. Its issue builds it; until then the module is empty and the
// plugin is not in BuiltinPlugins.descriptors.
