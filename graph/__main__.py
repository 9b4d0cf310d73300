from graph.cli.program import run

run()
