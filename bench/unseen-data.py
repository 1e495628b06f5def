#!/usr/bin/env python3
"""Writes CSV datasets `downhill` has never seen, clean and messy, for the CLI sweep (bench/unseen-sweep.sh).

usage: /usr/bin/python3 bench/unseen-data.py OUT_DIR

Writes only under OUT_DIR: one folder per dataset holding train.csv and test.csv, and OUT_DIR/manifest.tsv with
one line per dataset: name, task (classify|regress), label column, extra train options, what a user should get.
Data: scikit-learn's bundled wine, breast cancer, diabetes, linnerud and iris (no network), and its seeded
make_classification / make_regression generators. Every split and every mess is seeded, so reruns write the
same bytes.
"""
import os
import sys

import numpy as np
from sklearn import datasets

SEED = 7


def split(n, test_fraction=0.25, seed=SEED):
    order = np.random.RandomState(seed).permutation(n)
    cut = int(round(n * (1 - test_fraction)))
    return order[:cut], order[cut:]


def fmt(v):
    if isinstance(v, str):
        return v
    if float(v) == int(v) and abs(v) < 1e15:
        return str(int(v))
    return repr(float(v))


def csv_text(header, rows, sep=",", newline="\n"):
    lines = [sep.join(header)] if header is not None else []
    lines += [sep.join(fmt(c) for c in row) for row in rows]
    return newline.join(lines) + newline


def table(x, y, feature_names, label, label_at=None):
    """Header and rows with the label column at index label_at (default: last)."""
    header = list(feature_names)
    pos = len(header) if label_at is None else label_at
    header.insert(pos, label)
    rows = []
    for xi, yi in zip(x, y):
        row = [float(v) for v in xi]
        row.insert(pos, yi)
        rows.append(row)
    return header, rows


class Writer:
    def __init__(self, out):
        self.out = out
        self.manifest = []

    def add(self, name, task, label, train_text, test_text, options="", expect=""):
        d = os.path.join(self.out, name)
        os.makedirs(d, exist_ok=True)
        for file, text in (("train.csv", train_text), ("test.csv", test_text)):
            data = text if isinstance(text, bytes) else text.encode("utf-8")
            with open(os.path.join(d, file), "wb") as f:
                f.write(data)
        self.manifest.append("\t".join([name, task, label, options or "-", expect or "-"]))

    def add_split(self, name, task, label, header, rows, options="", expect="", **kw):
        tr, te = split(len(rows))
        self.add(name, task, label, csv_text(header, [rows[i] for i in tr], **kw),
                 csv_text(header, [rows[i] for i in te], **kw), options, expect)

    def close(self):
        with open(os.path.join(self.out, "manifest.tsv"), "w") as f:
            f.write("#name\ttask\tlabel\ttrain-options\texpected\n")
            f.write("\n".join(self.manifest) + "\n")


def clean_names(names):
    return [n.replace(" ", "_").replace("/", "_") for n in names]


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: unseen-data.py OUT_DIR")
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    w = Writer(out)

    wine = datasets.load_wine()
    wine_names = clean_names(wine.feature_names)
    wh, wr = table(wine.data, wine.target, wine_names, "class")
    bc = datasets.load_breast_cancer()
    bc_names = clean_names(bc.feature_names)
    bh, br = table(bc.data, bc.target, bc_names, "diagnosis")
    diab = datasets.load_diabetes()
    dh, dr = table(diab.data, diab.target, diab.feature_names, "progression")
    iris = datasets.load_iris()
    iris_names = ["sepal_length", "sepal_width", "petal_length", "petal_width"]

    # Clean datasets.
    w.add_split("wine", "classify", "class", wh, wr, expect="accuracy > 90%")
    w.add_split("breast_cancer", "classify", "diagnosis", bh, br, expect="accuracy > 90%")
    w.add_split("diabetes", "regress", "progression", dh, dr, expect="regression report (MAE ~45), no accuracy")
    w.add_split("diabetes_as_classes", "classify", "progression", dh, dr,
                expect="refused: a number to predict, use --task regress")
    lin = datasets.load_linnerud()
    lh = list(lin.feature_names) + list(lin.target_names)
    lr = [list(map(float, a)) + list(map(float, b)) for a, b in zip(lin.data, lin.target)]
    w.add_split("linnerud", "regress", "Weight", lh, lr, "--ignore Waist,Pulse --hidden 8 --epochs 200",
                expect="one target trained, the other two left out")
    w.add_split("linnerud_as_classes", "classify", "Weight", lh, lr, "--ignore Waist,Pulse",
                expect="refused or warned: a numeric target with a class per value")
    x, y = datasets.make_classification(n_samples=3000, n_features=40, n_informative=24, n_redundant=4,
                                        n_classes=26, n_clusters_per_class=1, class_sep=2.0, random_state=SEED)
    ch, cr = table(np.round(x, 5), y, ["f%d" % i for i in range(40)], "y")
    w.add_split("classes26", "classify", "y", ch, cr, "--hidden 64,32", expect="26 classes, well above 1/26")
    x, y = datasets.make_regression(n_samples=600, n_features=8, n_informative=6, noise=5.0, random_state=SEED)
    rh, rr = table(np.round(x, 5), np.round(y, 4), ["x%d" % i for i in range(8)], "y")
    w.add_split("make_regression", "regress", "y", rh, rr, expect="regression, R^2 near 1")

    # Messy variants.
    species = np.array(iris.target_names)[iris.target]
    ih, ir = table(iris.data, list(species), iris_names, "species", label_at=0)
    w.add_split("iris_names_label_first", "classify", "species", ih, ir, expect="setosa/versicolor/virginica")
    yes_no = ["yes" if t == 0 else "no" for t in bc.target]  # malignant = yes
    mh, mr = table(bc.data, yes_no, bc_names, "malignant", label_at=12)
    w.add_split("bc_yesno_label_middle", "classify", "malignant", mh, mr, expect="yes/no classes")
    w.add_split("wine_crlf", "classify", "class", wh, wr, newline="\r\n", expect="same as wine")
    tr, te = split(len(wr))
    w.add("wine_bom", "classify", "class", b"\xef\xbb\xbf" + csv_text(wh, [wr[i] for i in tr]).encode(),
          b"\xef\xbb\xbf" + csv_text(wh, [wr[i] for i in te]).encode(), expect="same as wine")
    regions = ['"Piemonte, Italy"', '"Rioja, Spain"', '"Barossa, ""old vines"""']
    qh = ["note"] + wh
    qr = [[regions[i % 3]] + row for i, row in enumerate(wr)]
    w.add_split("wine_quoted_note", "classify", "class", qh, qr, "--ignore note", expect="same as wine")
    w.add_split("wine_quoted_note_no_ignore", "classify", "class", qh, qr,
                expect="error naming column 'note' and --ignore")
    w.add_split("wine_semicolon", "classify", "class", wh, wr, sep=";", expect="same as wine")
    sh = bh
    sr = [["%.6e" % v for v in row[:-1]] + [row[-1]] for row in br]
    w.add_split("bc_scientific", "classify", "diagnosis", sh, sr, expect="same as breast_cancer")
    big = []
    for row in wr:
        r = list(row)
        r[0] = r[0] * 1e8      # alcohol ~1.3e9
        r[1] = -r[1] * 1000.0  # malic acid, negative
        r[12] = r[12] - 5000   # proline, mostly negative
        big.append(r)
    w.add_split("wine_big_negative", "classify", "class", wh, big, expect="close to wine")
    kh = wh[:5] + ["constant"] + wh[5:]
    kr = [row[:5] + [3.5] + row[5:] for row in wr]
    w.add_split("wine_constant_column", "classify", "class", kh, kr, expect="close to wine, constant noted")
    for name, marker in (("empty", ""), ("na", "NA"), ("question", "?")):
        mr2 = [list(r) for r in wr]
        mr2[4][2] = marker
        w.add_split("wine_missing_" + name, "classify", "class", wh, mr2, expect="error at the missing cell")
    th = wh[:3] + ["region"] + wh[3:]
    tr2 = [row[:3] + [["north", "south", "east"][i % 3]] + row[3:] for i, row in enumerate(wr)]
    w.add_split("wine_text_feature", "classify", "class", th, tr2, expect="error naming 'region', hint --ignore")
    dup = list(wh)
    dup[3] = dup[2]
    w.add_split("wine_duplicate_header", "classify", "class", dup, wr, expect="error: duplicate column name")
    tr, te = split(len(wr))
    w.add("wine_no_header", "classify", "class", csv_text(None, [wr[i] for i in tr]),
          csv_text(None, [wr[i] for i in te]), expect="error: no header row")
    w.add("iris_no_header_text_label", "classify", "species",
          csv_text(None, [r[1:] + [r[0]] for r in (ir[i] for i in split(len(ir))[0])]),
          csv_text(None, [r[1:] + [r[0]] for r in (ir[i] for i in split(len(ir))[1])]),
          expect="error: no label column, the first row looks like data")
    dc = [[str(v).replace(".", ",") if isinstance(v, float) else v for v in row] for row in wr]
    w.add_split("wine_semicolon_decimal_comma", "classify", "class", wh, dc, sep=";",
                expect="error: decimal comma named, no --ignore hint")
    w.add("wine_trailing_blank", "classify", "class", csv_text(wh, [wr[i] for i in tr]) + "\n\n",
          csv_text(wh, [wr[i] for i in te]) + " \n", expect="same as wine")
    one = [[row[iris_names.index("petal_length") + 1], row[0]] for row in ir]
    w.add_split("iris_single_feature", "classify", "species", ["petal_length", "species"], one,
                expect="~95% from petal length alone")
    only = [row for row in wr if row[-1] == 0]
    w.add_split("wine_single_class", "classify", "class", wh, only, expect="error: a single class")
    w.add("wine_two_rows", "classify", "class", csv_text(wh, [wr[0], wr[-1]]), csv_text(wh, [wr[1], wr[-2]]),
          expect="trains or refuses clearly; nothing silently wrong")
    train_rows = [wr[i] for i in tr if wr[i][-1] != 2]
    w.add("wine_unseen_test_class", "classify", "class", csv_text(wh, train_rows), csv_text(wh, [wr[i] for i in te]),
          expect="error: test class 2 unknown to the model")
    rag = csv_text(wh, [wr[i] for i in tr]).split("\n")
    rag[6] = rag[6] + ",0.5"
    rag[9] = ",".join(rag[9].split(",")[:-2])
    w.add("wine_ragged", "classify", "class", "\n".join(rag), csv_text(wh, [wr[i] for i in te]),
          expect="error: row has N fields")
    w.close()


if __name__ == "__main__":
    main()
