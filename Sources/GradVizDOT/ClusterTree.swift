import GradVizEngine

/// The modules of a graph as nested clusters of a figure.
///
/// A module can be entered several times (a `Linear` layer records its parameters when it is
/// created and its computation each time it is called), so modules are merged into one cluster
/// by their path of names from the outermost module. A top-level module whose name and kind match
/// exactly one nested module (parameters created outside the `Sequential` that later calls the
/// layer) joins that nested module's cluster, so the weights sit inside their layer.
struct ClusterTree {
    /// One cluster: a merged set of modules.
    struct Cluster {
        /// The DOT id number: the smallest module index merged into it.
        var id: Int
        var name: String
        var kind: String
        /// The enclosing cluster's index in ``clusters``, if any.
        var parent: Int?
    }

    /// The clusters, ordered by ``Cluster/id``.
    private(set) var clusters: [Cluster] = []
    /// The cluster index of each module index.
    private var clusterOfModule: [Int] = []

    init(modules: [ModuleInfo]) {
        // Modules with the same path of names from the outermost module merge. Two paths are
        // equal when their parents' paths are and the last names are, so a module's path is
        // known by the first module of its parent's path and its own name: linear in the
        // modules however deep they nest (whole paths of names were quadratic in the depth).
        // Parents always have smaller indices.
        func parent(of index: Int) -> Int? {
            guard let parent = modules[index].parent, parent >= 0, parent < index else { return nil }
            return parent
        }
        var representative: [Int] = Array(modules.indices)
        var firstWithPath: [PathKey: Int] = [:]
        for index in modules.indices {
            let key = PathKey(parent: parent(of: index).map { representative[$0] } ?? -1, name: modules[index].name)
            if let first = firstWithPath[key] {
                representative[index] = first
            } else {
                firstWithPath[key] = index
            }
        }
        // The outermost module of each one's chain of parents.
        var root: [Int] = Array(modules.indices)
        for index in modules.indices { if let parent = parent(of: index) { root[index] = root[parent] } }
        // Top-level modules that are the parameters of one nested layer: the one nested module
        // of their name and kind, unless it lies inside them.
        var nestedOfNameAndKind: [PathKey: [Int]] = [:]
        for index in modules.indices where parent(of: index) != nil && representative[index] == index {
            nestedOfNameAndKind[PathKey(name: modules[index].name, kind: modules[index].kind), default: []].append(
                index)
        }
        for index in modules.indices where parent(of: index) == nil && representative[index] == index {
            let matches = nestedOfNameAndKind[PathKey(name: modules[index].name, kind: modules[index].kind)] ?? []
            if matches.count == 1, let target = matches.first, root[target] != index {
                representative[index] = target
            }
        }
        // One cluster per representative, numbered by the smallest module index merged into it.
        var smallest: [Int: Int] = [:]
        for index in modules.indices {
            let rep = representative[index]
            smallest[rep] = min(smallest[rep] ?? index, index)
        }
        let reps = smallest.keys.sorted { smallest[$0, default: $0] < smallest[$1, default: $1] }
        var clusterOfRep: [Int: Int] = [:]
        for (position, rep) in reps.enumerated() { clusterOfRep[rep] = position }
        clusters = reps.map { rep in
            Cluster(id: smallest[rep] ?? rep, name: modules[rep].name, kind: modules[rep].kind, parent: nil)
        }
        for (position, rep) in reps.enumerated() {
            if let parent = modules[rep].parent, parent >= 0, parent < modules.count {
                let parentCluster = clusterOfRep[representative[parent]]
                clusters[position].parent = parentCluster == position ? nil : parentCluster
            }
        }
        clusterOfModule = modules.indices.map { clusterOfRep[representative[$0]] ?? 0 }
    }

    /// A module's place among its siblings (the first module of its parent's path, or −1 at the
    /// top, and its name), or a name and kind.
    private struct PathKey: Hashable {
        var parent = -1
        var name: String
        var kind = ""
    }

    /// Each cluster's depth (top-level clusters are 0 deep), in time linear in the clusters
    /// however deep they nest (walking every cluster's chain of ancestors is quadratic in the
    /// depth). A parent may come after its child in ``clusters``, so each cluster is resolved
    /// after its chain of parents, without recursion.
    func depths() -> [Int] {
        var depthOf = [Int?](repeating: nil, count: clusters.count)
        for start in clusters.indices where depthOf[start] == nil {
            var pending = [start]
            while let index = pending.last {
                if let parent = clusters[index].parent, depthOf[parent] == nil, pending.count <= clusters.count {
                    pending.append(parent)
                    continue
                }
                pending.removeLast()
                depthOf[index] = clusters[index].parent.flatMap { depthOf[$0] }.map { $0 + 1 } ?? 0
            }
        }
        return depthOf.map { $0 ?? 0 }
    }

    /// The cluster (index into ``clusters``) a module's nodes are drawn in.
    func cluster(ofModule module: Int?) -> Int? {
        guard let module, clusterOfModule.indices.contains(module) else { return nil }
        return clusterOfModule[module]
    }
}
