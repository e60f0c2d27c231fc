"""Connected components of a random graph held as a dict of dicts keyed by strs,
found by breadth-first search with a `seen` set (the shape of networkx's
`number_connected_components`): dict iteration, set membership and growth,
`set.update` from a set, list appends.

    protopy benches/py/graph_components.py [SEARCHES] [NODES]

Builds the graph (not timed), then prints the number of components and the
seconds per search.
"""
import random
import sys
import time


def build(nodes, edges_per_node, seed=5):
    rnd = random.Random(seed)
    adj = {str(i): {} for i in range(nodes)}
    names = list(adj)
    for _ in range(nodes * edges_per_node):
        a = names[rnd.randrange(nodes)]
        b = names[rnd.randrange(nodes)]
        adj[a][b] = {}
        adj[b][a] = {}
    return adj


def reach(adj, source):
    total = len(adj)
    seen = {source}
    frontier = [source]
    while frontier:
        current, frontier = frontier, []
        for v in current:
            for w in adj[v]:
                if w not in seen:
                    seen.add(w)
                    frontier.append(w)
            if len(seen) == total:
                return seen
    return seen


def components(adj):
    done = set()
    for v in adj:
        if v not in done:
            part = reach(adj, v)
            done.update(part)
            yield part


def main():
    searches = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    nodes = int(sys.argv[2]) if len(sys.argv) > 2 else 60000
    adj = build(nodes, 4)
    t = time.perf_counter()
    count = 0
    for _ in range(searches):
        count = sum(1 for _ in components(adj))
    elapsed = time.perf_counter() - t
    print(count, "components;", "%.4f s per search" % (elapsed / max(searches, 1)))


main()
