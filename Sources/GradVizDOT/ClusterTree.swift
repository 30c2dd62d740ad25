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
        // Name paths, outermost first; parents always have smaller indices.
        var paths: [[String]] = []
        for (index, module) in modules.enumerated() {
            if let parent = module.parent, parent >= 0, parent < index {
                paths.append(paths[parent] + [module.name])
            } else {
                paths.append([module.name])
            }
        }
        var representative: [Int] = Array(modules.indices)
        var firstWithPath: [[String]: Int] = [:]
        for index in modules.indices {
            if let first = firstWithPath[paths[index]] {
                representative[index] = first
            } else {
                firstWithPath[paths[index]] = index
            }
        }
        // Top-level modules that are the parameters of one nested layer.
        for index in modules.indices where paths[index].count == 1 && representative[index] == index {
            let module = modules[index]
            let matches = modules.indices.filter {
                paths[$0].count > 1 && representative[$0] == $0 && modules[$0].name == module.name
                    && modules[$0].kind == module.kind
            }
            if matches.count == 1, let target = matches.first,
                !ClusterTree.isAncestor(index, of: target, in: modules)
            {
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

    /// Whether `ancestor` encloses `module` (following parents, which have smaller indices).
    private static func isAncestor(_ ancestor: Int, of module: Int, in modules: [ModuleInfo]) -> Bool {
        var current = modules[module].parent
        var steps = 0
        while let index = current, index >= 0, index < modules.count, steps <= modules.count {
            if index == ancestor { return true }
            current = modules[index].parent
            steps += 1
        }
        return false
    }

    /// The cluster (index into ``clusters``) a module's nodes are drawn in.
    func cluster(ofModule module: Int?) -> Int? {
        guard let module, clusterOfModule.indices.contains(module) else { return nil }
        return clusterOfModule[module]
    }
}
