# Exit code propagation from nested calls via SystemExit.
def deep(n):
    if n == 0:
        raise SystemExit(42)
    try:
        deep(n - 1)
    finally:
        print("unwinding", n)

deep(3)
