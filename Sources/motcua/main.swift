#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif
import MotCuaBuiltins
import MotCuaCLI

// The stock binary: every built-in plugin, and the demo deployment embedded at build time.
exit(await MotCuaCLI.main(catalogue: BuiltinPlugins.catalogue, embeddedManifest: PackageResources.demo_deployment_json,
                          arguments: Array(CommandLine.arguments.dropFirst()), products: BuiltinPlugins.catalogue.products))
