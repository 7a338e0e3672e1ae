/// Layering: a file's values merged on top of what it extends.
///
/// Objects merge by key; arrays of identified items merge by their identity key (an item
/// with `"$remove": true` deletes its namesake); other arrays and scalars replace; an
/// explicit `null` removes the key.
extension ManifestNode {
    /// The key that marks an identified array item for removal.
    static let removeKey = "$remove"

    /// This node laid over `base`.
    func merged(over base: ManifestNode, shape: Shape?) -> ManifestNode {
        switch (base.content, content) {
        case (.object(let baseMembers), .object(let members)):
            var result = baseMembers
            for member in members {
                let index = result.firstIndex { $0.key == member.key }
                if member.node.isNull {
                    if let index { result.remove(at: index) }
                } else if let index {
                    let childShape = Self.childShape(of: shape, key: member.key)
                    result[index].node = member.node.merged(over: result[index].node, shape: childShape)
                } else {
                    result.append(member)
                }
            }
            return ManifestNode(content: .object(result), location: location)
        case (.array(let baseItems), .array(let items)):
            guard let key = shape?.identity ?? Self.commonIdentity(baseItems + items) else { return self }
            let itemShape: Shape? = if case .array(let item, _) = shape { item } else { nil }
            var result = baseItems
            for item in items {
                guard let id = item[key]?.string else {
                    result.append(item)
                    continue
                }
                let index = result.firstIndex { $0[key]?.string == id }
                if item[Self.removeKey]?.bool == true {
                    if let index { result.remove(at: index) }
                } else if let index {
                    result[index] = item.merged(over: result[index], shape: itemShape)
                } else {
                    result.append(item)
                }
            }
            return ManifestNode(content: .array(result), location: location)
        default:
            return self
        }
    }

    /// The node with every `$remove` marker that removed nothing dropped, and `null`s gone.
    func withoutLayeringMarkers() -> ManifestNode {
        switch content {
        case .scalar:
            return self
        case .array(let items):
            let kept = items.filter { $0[Self.removeKey]?.bool != true }.map { $0.withoutLayeringMarkers() }
            return ManifestNode(content: .array(kept), location: location)
        case .object(let members):
            let kept = members.filter { $0.key != Self.removeKey && !$0.node.isNull }
                .map { Member(key: $0.key, node: $0.node.withoutLayeringMarkers()) }
            return ManifestNode(content: .object(kept), location: location)
        }
    }

    static func childShape(of shape: Shape?, key: String) -> Shape? {
        switch shape {
        case .object: shape?.field(key)?.shape
        case .map(_, let value): value
        default: nil
        }
    }

    /// Arrays the schema does not describe (inside plugin settings) merge by `id` when every item has one.
    private static func commonIdentity(_ items: [ManifestNode]) -> String? {
        guard !items.isEmpty, items.allSatisfy({ $0["id"]?.string != nil }) else { return nil }
        return "id"
    }
}
