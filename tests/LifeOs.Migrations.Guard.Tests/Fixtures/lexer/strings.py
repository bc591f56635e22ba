a = 'single' "double" r'raw\d' b"bytes" rb'rawbytes' BR"upper" u'unicode' Rb"mixed"
b = """triple
'quoted' "inside"
""" + '''other'''
c = f"value {x!r:>10} {{literal}} {d['key']}" F'{y}' rf"{z}\d"
d = f"{'nested' + f'{inner}'}" f"""multi
{line}"""
e = 'escaped \' quote' "back\\" 'line\
continued'
