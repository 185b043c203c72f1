#!/usr/bin/env python3
"""Reference solver for `fieldaudit-bench routing`: the same asymmetric open-path problem, solved by
Google OR-Tools (PyPI `ortools`) with guided local search for a fixed time.

Input (argv[1]): JSON {"matrix": [[int, ...], ...]} where point 0 is the start; the path visits
every other point once and ends anywhere. Prints the best cost found as one integer, and the order.
Used only by the benchmark, never by tests or the product.
"""
import json
import sys

from ortools.constraint_solver import pywrapcp, routing_enums_pb2


def main() -> None:
    matrix = json.load(open(sys.argv[1]))["matrix"]
    seconds = int(sys.argv[2]) if len(sys.argv) > 2 else 30
    n = len(matrix)
    # An extra free end point: every point reaches it for nothing, so the path is open.
    end = n
    manager = pywrapcp.RoutingIndexManager(n + 1, 1, [0], [end])
    routing = pywrapcp.RoutingModel(manager)

    def cost(from_index: int, to_index: int) -> int:
        a, b = manager.IndexToNode(from_index), manager.IndexToNode(to_index)
        if b == end or a == end:
            return 0
        return matrix[a][b]

    transit = routing.RegisterTransitCallback(cost)
    routing.SetArcCostEvaluatorOfAllVehicles(transit)
    parameters = pywrapcp.DefaultRoutingSearchParameters()
    parameters.first_solution_strategy = routing_enums_pb2.FirstSolutionStrategy.PATH_CHEAPEST_ARC
    parameters.local_search_metaheuristic = routing_enums_pb2.LocalSearchMetaheuristic.GUIDED_LOCAL_SEARCH
    parameters.time_limit.seconds = seconds
    solution = routing.SolveWithParameters(parameters)
    if solution is None:
        print("no solution", file=sys.stderr)
        sys.exit(1)
    order, index = [], routing.Start(0)
    while not routing.IsEnd(index):
        order.append(manager.IndexToNode(index))
        index = solution.Value(routing.NextVar(index))
    print(solution.ObjectiveValue())
    print(" ".join(map(str, order)))


if __name__ == "__main__":
    main()
