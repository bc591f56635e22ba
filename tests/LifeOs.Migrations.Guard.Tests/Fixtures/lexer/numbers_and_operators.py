x = 0xFF + 0o17 + 0b1010 + 1_000_000 + 3.14 + .5 + 1e10 + 2.5E-3 + 7j + 1.5J
y **= 2; y //= 3; y >>= 1; y <<= 1; y @= m; z := 1
def f(a, *args, b=1, **kw) -> int: ...
w = a != b and a <= b or a >= b and not a == b
print(x[1:2, ::3], {k: v for k, v in d.items()}, ...)
