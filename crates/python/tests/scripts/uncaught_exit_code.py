print("before")
raise SystemExit("bye")
