#!/usr/bin/env python3
"""PyTorch peer for `downhill train`: the same MLP, data, standardisation, optimiser, schedule, batch size and
epochs, on one CPU thread. Prints one line of key=value pairs (parsed by bench/train-throughput.sh).

Run with the Python that has PyTorch (here /usr/bin/python3):
    /usr/bin/python3 bench/pytorch_peer.py --train TRAIN.csv --test TEST.csv [--epochs 60 --batch 32 ...]
Exits 0 with a "skipped" line when PyTorch is not installed.

Timing covers the mini-batch loop only (shuffle, forward, loss, backward, optimiser step), as the Java side's
does; data loading and evaluation are excluded on both sides. Two figures: over the whole run, and over the
second half of the epochs (the steady state; for Java that excludes JIT warm-up).
"""
import argparse
import csv
import math
import sys
import time


def load(path):
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    header, data = rows[0], rows[1:]
    label = header.index("label")
    xs = [[float(v) for i, v in enumerate(r) if i != label] for r in data]
    ys = [int(r[label]) for r in data]
    return xs, ys


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--train", required=True)
    p.add_argument("--test", required=True)
    p.add_argument("--hidden", default="32,16")
    p.add_argument("--epochs", type=int, default=60)
    p.add_argument("--batch", type=int, default=32)
    p.add_argument("--lr", type=float, default=0.01)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--standardize", choices=["global", "per-feature"], default="global")
    args = p.parse_args()
    try:
        import torch
    except ImportError:
        print("skipped=PyTorch is not installed for " + sys.executable)
        return 0

    torch.set_num_threads(1)
    torch.manual_seed(args.seed)
    xtr, ytr = load(args.train)
    xte, yte = load(args.test)
    xtr = torch.tensor(xtr, dtype=torch.float64)
    xte = torch.tensor(xte, dtype=torch.float64)
    # Same statistics as downhill: population deviation; global = one mean/deviation over all values.
    if args.standardize == "global":
        mean = xtr.mean()
        dev = xtr.std(unbiased=False)
    else:
        mean = xtr.mean(dim=0)
        dev = xtr.std(dim=0, unbiased=False)
        dev[dev == 0] = 1.0
    xtr = ((xtr - mean) / dev).float()
    xte = ((xte - mean) / dev).float()
    ytr = torch.tensor(ytr)
    yte = torch.tensor(yte)
    classes = int(ytr.max()) + 1

    sizes = [xtr.shape[1]] + [int(h) for h in args.hidden.split(",")] + [classes]
    layers = []
    for i in range(len(sizes) - 1):
        lin = torch.nn.Linear(sizes[i], sizes[i + 1])
        torch.nn.init.kaiming_normal_(lin.weight, nonlinearity="relu")  # He init, as downhill
        torch.nn.init.zeros_(lin.bias)
        layers.append(lin)
        if i < len(sizes) - 2:
            layers.append(torch.nn.ReLU())
    model = torch.nn.Sequential(*layers)
    opt = torch.optim.Adam(model.parameters(), lr=args.lr)
    n = xtr.shape[0]
    steps_per_epoch = math.ceil(n / args.batch)
    sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=steps_per_epoch * args.epochs)
    loss_fn = torch.nn.CrossEntropyLoss()

    train_seconds = 0.0
    second_half_seconds = 0.0
    for epoch in range(args.epochs):
        t0 = time.perf_counter()
        model.train()
        perm = torch.randperm(n)
        for start in range(0, n, args.batch):
            idx = perm[start:start + args.batch]
            opt.zero_grad(set_to_none=True)
            loss = loss_fn(model(xtr[idx]), ytr[idx])
            loss.backward()
            opt.step()
            sched.step()
        elapsed = time.perf_counter() - t0
        train_seconds += elapsed
        if epoch >= args.epochs // 2:
            second_half_seconds += elapsed
    with torch.no_grad():
        acc = (model(xte).argmax(dim=1) == yte).float().mean().item()
    examples = n * args.epochs
    steady = n * (args.epochs - args.epochs // 2) / second_half_seconds
    print(f"peer=pytorch-{torch.__version__} threads={torch.get_num_threads()} epochs={args.epochs} "
          f"batch={args.batch} train_seconds={train_seconds:.4f} examples_per_second={examples / train_seconds:.0f} "
          f"second_half_examples_per_second={steady:.0f} test_accuracy={acc:.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
