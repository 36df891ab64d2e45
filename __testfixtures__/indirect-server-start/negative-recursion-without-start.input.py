def f(n):
    return g(n)


def g(n):
    return f(n) if n else 0


f(3)
run = f
