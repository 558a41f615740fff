#!/usr/bin/env python3
"""Writes the zero-shot triplet fixtures used by Tests/SGGDatasetsTests/ZeroShotTripletsTests.

    python3 Fixtures/datasets/zeroshot/make_zeroshot.py             # rewrites this directory
    python3 Fixtures/datasets/zeroshot/make_zeroshot.py --check REAL  # re-emits a released file

torch is not needed: the files are spelled with `pickle` and `struct` exactly as torch.save
writes them, with stand-in `torch` modules so that pickle emits the same GLOBAL opcodes.

Legacy format (torch < 1.6, `_use_new_zipfile_serialization=False`; Kaihua's
`zeroshot_triplet.pytorch`): five protocol-2 pickles back to back -- the magic number
0x1950a86a20f9469cfc6c, the protocol version 1001, a sys-info dict, the tensor
(`torch._utils._rebuild_tensor_v2(BINPERSID ('storage', torch.LongStorage, key, 'cpu', numel,
None), offset, size, stride, False, OrderedDict())`), and the list of storage keys -- then, for
each key in that order, an int64 little-endian element count and the raw little-endian elements.

Zip format (torch >= 1.6): `<name>/data.pkl` (the same tensor pickle, storage id
`('storage', torch.LongStorage, '0', 'cpu', numel)`), `<name>/data/0` (raw elements),
`<name>/version`; entries stored uncompressed.

`--check REAL` decodes a released legacy file with an independent reader (pickle with stub
classes + struct) and re-emits it with this writer; identical bytes mean the fixtures are in
exactly the released layout.
"""
import collections
import json
import os
import pickle
import struct
import sys
import types
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
MAGIC = 0x1950A86A20F9469CFC6C
SYS_INFO = {"protocol_version": 1001, "little_endian": True,
            "type_sizes": {"short": 2, "int": 4, "long": 4}}

# Stand-ins for torch, registered so pickle writes `c torch._utils\n_rebuild_tensor_v2\n` etc.
torch_mod = types.ModuleType("torch")
utils_mod = types.ModuleType("torch._utils")


def _rebuild_tensor_v2(*args):
    raise RuntimeError("stand-in: never called")


_rebuild_tensor_v2.__module__ = "torch._utils"
utils_mod._rebuild_tensor_v2 = _rebuild_tensor_v2
STORAGE_FORMATS = {"LongStorage": "q", "IntStorage": "i", "FloatStorage": "f"}
for _name in STORAGE_FORMATS:
    _cls = type(_name, (), {"__module__": "torch"})
    setattr(torch_mod, _name, _cls)
torch_mod._utils = utils_mod
sys.modules["torch"] = torch_mod
sys.modules["torch._utils"] = utils_mod


class Storage:
    def __init__(self, key, kind, values):
        self.key, self.kind, self.values = key, kind, values


class Tensor:
    def __init__(self, storage, offset, size, stride):
        self.storage, self.offset, self.size, self.stride = storage, offset, size, stride

    def __reduce__(self):
        return (_rebuild_tensor_v2, (self.storage, self.offset, tuple(self.size),
                                     tuple(self.stride), False, collections.OrderedDict()))


class TorchPickler(pickle.Pickler):
    def __init__(self, fh, legacy):
        super().__init__(fh, protocol=2)
        self.legacy = legacy

    def persistent_id(self, obj):
        if not isinstance(obj, Storage):
            return None
        pid = ("storage", getattr(torch_mod, obj.kind), obj.key, "cpu", len(obj.values))
        return pid + (None,) if self.legacy else pid   # legacy adds view_metadata


def raw(storage):
    return struct.pack("<%d%s" % (len(storage.values), STORAGE_FORMATS[storage.kind]),
                       *storage.values)


def legacy_bytes(tensor):
    import io
    out = io.BytesIO()
    for obj in (MAGIC, 1001, SYS_INFO):
        pickle.dump(obj, out, protocol=2)
    TorchPickler(out, legacy=True).dump(tensor)
    pickle.dump([tensor.storage.key], out, protocol=2)
    out.write(struct.pack("<q", len(tensor.storage.values)))
    out.write(raw(tensor.storage))
    return out.getvalue()


def zip_bytes(tensor, name="archive"):
    import io
    pkl = io.BytesIO()
    TorchPickler(pkl, legacy=False).dump(tensor)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_STORED) as z:
        z.writestr(f"{name}/data.pkl", pkl.getvalue())
        z.writestr(f"{name}/data/{tensor.storage.key}", raw(tensor.storage))
        z.writestr(f"{name}/version", "3\n")
    return out.getvalue()


def rows_tensor(rows, key="94000000000000"):
    flat = [v for r in rows for v in r]
    return Tensor(Storage(key, "LongStorage", flat), 0, (len(rows), 3), (3, 1))


def read_legacy(path):
    """Independent decode of a legacy file: pickle with stubs, then struct."""
    class Stub:
        def __init__(self, *a):
            self.args = a

    class Reader(pickle.Unpickler):
        def find_class(self, module, name):
            if (module, name) == ("collections", "OrderedDict"):
                return collections.OrderedDict
            return lambda *a: ("call", module, name, a) if name.startswith("_rebuild") \
                else f"{module}.{name}"

        def persistent_load(self, pid):
            return pid

    with open(path, "rb") as fh:
        magic, version, info = (pickle.load(fh) for _ in range(3))
        assert magic == MAGIC and version == 1001, (magic, version)
        _, module, name, args = Reader(fh).load()
        keys = pickle.load(fh)
        storages = {}
        for k in keys:
            (n,) = struct.unpack("<q", fh.read(8))
            storages[k] = list(struct.unpack("<%dq" % n, fh.read(8 * n)))
        assert fh.read() == b""
    pid, offset, size, stride = args[0], args[1], args[2], args[3]
    data = storages[pid[2]]
    rows = [[data[offset + i * stride[0] + j * stride[1]] for j in range(size[1])]
            for i in range(size[0])]
    return pid, rows


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--check":
        pid, rows = read_legacy(sys.argv[2])
        again = legacy_bytes(rows_tensor(rows, key=pid[2]))
        same = again == open(sys.argv[2], "rb").read()
        print(json.dumps({"rows": len(rows), "first": rows[0], "last": rows[-1],
                          "identical_bytes": same}))
        sys.exit(0 if same else 1)

    # (subject, object, predicate), 1-based VG150 indices: both ends of each range, and the
    # released file's first and last rows.
    rows = [[1, 1, 33], [1, 22, 22], [150, 137, 31], [78, 126, 50], [150, 150, 45]]
    small = rows_tensor(rows)
    with open(os.path.join(HERE, "zeroshot_small.pytorch"), "wb") as fh:
        fh.write(legacy_bytes(small))
    with open(os.path.join(HERE, "zeroshot_small_zip.pytorch"), "wb") as fh:
        fh.write(zip_bytes(small))
    # A view: the 4 x 3 tensor is the transpose of a 3 x 4 block that starts 2 elements into
    # its storage (offset 2, stride (1, 4)), as `t[..., 2:].t()` would save it.
    storage = list(range(100, 116))
    view = Tensor(Storage("7", "LongStorage", storage), 2, (4, 3), (1, 4))
    with open(os.path.join(HERE, "zeroshot_view.pytorch"), "wb") as fh:
        fh.write(legacy_bytes(view))
    view_rows = [[storage[2 + i + 4 * j] for j in range(3)] for i in range(4)]
    # Wrong dtype: a float tensor of the right shape.
    floats = Tensor(Storage("3", "FloatStorage", [1.0, 2.0, 3.0]), 0, (1, 3), (3, 1))
    with open(os.path.join(HERE, "zeroshot_float.pytorch"), "wb") as fh:
        fh.write(legacy_bytes(floats))
    dicts = json.load(open(os.path.join(HERE, "..", "vg150", "VG-SGG-dicts-with-attri.json")))
    obj = dicts["idx_to_label"]
    pred = dicts["idx_to_predicate"]
    names = [[obj[str(s)], pred[str(p)], obj[str(o)]] for s, o, p in rows]
    with open(os.path.join(HERE, "expected.json"), "w") as fh:
        json.dump({"rows": rows, "names": names, "view_rows": view_rows}, fh)
        fh.write("\n")
    print("wrote", sorted(f for f in os.listdir(HERE) if not f.endswith(".py")))


if __name__ == "__main__":
    main()
