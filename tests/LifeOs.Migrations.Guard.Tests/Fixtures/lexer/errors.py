a = 'unterminated
b = $ + ?
c = (1, 2]
d = )
e = """never closed
