#!/usr/bin/env python3
"""Writes ocv.csv: open-circuit potentials (V vs Li/Li+) tabulated from published fits.
Run once by hand (python3 generate_ocv.py > ocv.csv); the CSV is what the build embeds.
Each function below is the formula as printed in the cited paper (see README.md)."""
import math

def licoo2_ramadass2004(y):
    # P. Ramadass et al., J. Electrochem. Soc. 151 (2004) A196, eq. for U_p(y), y = x in LixCoO2
    num = -4.656 + 88.669*y**2 - 401.119*y**4 + 342.909*y**6 - 462.471*y**8 + 433.434*y**10
    den = -1 + 18.933*y**2 - 79.532*y**4 + 37.311*y**6 - 73.083*y**8 + 95.96*y**10
    return num / den

def limn2o4_doyle1996(y):
    # M. Doyle et al., J. Electrochem. Soc. 143 (1996) 1890, U(y) for LiyMn2O4
    return (4.19829 + 0.0565661*math.tanh(-14.5546*y + 8.60942)
            - 0.0275479*(1/(0.998432 - y)**0.492465 - 1.90111)
            - 0.157123*math.exp(-0.04738*y**8)
            + 0.810239*math.exp(-40*(y - 0.133875)))

def si_verbrugge2016(s):
    # M. Verbrugge, D. Baker, X. Xiao, J. Electrochem. Soc. 163 (2016) A262, lithiation branch,
    # s = fraction of Li15Si4 (x/3.75 in LixSi)
    p = [-96.63, 372.6, -587.6, 489.9, -232.8, 62.99, -9.286, 0.8633]
    return sum(c * s**(7 - i) for i, c in enumerate(p))

print("material,li_per_formula,ocv_V")
for i in range(45, 100):
    y = i / 100
    print(f"LiCoO2,{y:.2f},{licoo2_ramadass2004(y):.5f}")
for i in range(20, 100):
    y = i / 100
    print(f"LiMn2O4,{y:.2f},{limn2o4_doyle1996(y):.5f}")
for i in range(0, 101, 2):
    s = i / 100
    print(f"Si,{3.75*s:.4f},{si_verbrugge2016(s):.5f}")
print("Li,0,0")
print("Li,1,0")
