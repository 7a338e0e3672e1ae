import MotCuaCore

print("motcua: under construction")
