package dev.mssn.model.importer;

import dev.mssn.model.ModelFormatException;
import dev.mssn.model.Tensor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.Unpickler;

/**
 * Reads a legacy (pre-zip) {@code torch.save} file holding a state dict of float32 tensors.
 *
 * <p>Layout: pickles of the magic number, the protocol version and the system info, then the
 * pickled state dict whose tensors name storages by key, then the pickled list of storage keys,
 * then each storage as an int64 element count and its raw little-endian bytes.
 */
final class LegacyTorchFile {

    private static final BigInteger MAGIC = new BigInteger("1950a86a20f9469cfc6c", 16);
    private static final long MAX_TENSOR_ELEMENTS = 64L << 20;

    static {
        // Razorvine keeps one process-wide registry. These entries are stateless and harmless to
        // other users of it: torch's tensor rebuilders and storage classes, and OrderedDict as an
        // ordered map.
        Unpickler.registerConstructor("torch._utils", "_rebuild_tensor_v2", TensorRef::construct);
        Unpickler.registerConstructor("torch._utils", "_rebuild_tensor", TensorRef::construct);
        Unpickler.registerConstructor("collections", "OrderedDict", args -> new StateDict());
        for (String type : List.of("FloatStorage", "DoubleStorage", "HalfStorage", "BFloat16Storage", "LongStorage",
                "IntStorage", "ShortStorage", "CharStorage", "ByteStorage", "BoolStorage")) {
            Unpickler.registerConstructor("torch", type, new StorageType(type));
        }
    }

    /** The state dict's OrderedDict; its attributes (the module versions in "_metadata") are ignored. */
    public static final class StateDict extends LinkedHashMap<Object, Object> {
        public void __setstate__(java.util.HashMap<?, ?> state) {
            // only "_metadata" lives here, which says nothing about the tensors
        }
    }

    /** A torch storage class as the pickle names it; only its name matters here. */
    private record StorageType(String name) implements IObjectConstructor {
        @Override
        public Object construct(Object[] args) {
            throw new PickleException("torch." + name + " cannot be constructed here");
        }
    }

    private LegacyTorchFile() {}

    /** A storage named by the pickle, filled in once the raw section has been read. */
    private static final class StorageRef {
        final String key;
        final String type;
        final long elements;
        float[] data;

        StorageRef(String key, String type, long elements) {
            this.key = key;
            this.type = type;
            this.elements = elements;
        }
    }

    private record TensorRef(StorageRef storage, long offset, long[] size, long[] stride) {
        static Object construct(Object[] args) throws PickleException {
            if (args.length < 4 || !(args[0] instanceof StorageRef s)) {
                throw new PickleException("unexpected _rebuild_tensor arguments");
            }
            return new TensorRef(s, ((Number) args[1]).longValue(), longs(args[2]), longs(args[3]));
        }
    }

    private static long[] longs(Object tuple) {
        Object[] a = tuple instanceof Object[] arr ? arr : ((List<?>) tuple).toArray();
        long[] out = new long[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = ((Number) a[i]).longValue();
        }
        return out;
    }

    /** Longest module or name a GLOBAL opcode may carry (Python's are far shorter). */
    private static final int MAX_GLOBAL_PART = 256;

    /** A pickle that names a class or function outside a state dict's. */
    private static final class UnknownGlobal extends PickleException {
        final String global;

        UnknownGlobal(String global) {
            super("refers to " + global);
            this.global = global;
        }
    }

    private static final class TorchUnpickler extends Unpickler {
        final Map<String, StorageRef> storages = new HashMap<>();

        /**
         * Refuses a length-prefixed opcode whose length runs past the end of the file before the
         * unpickler allocates that many bytes: a hostile length must not exhaust the heap.
         */
        @Override
        protected Object dispatch(short opcode) throws IOException {
            int lengthBytes = switch (opcode) {
                case 'T', 'X', 'B', 0x8b -> 4;
                case 0x8d, 0x8e, 0x96 -> 8;
                default -> 0;
            };
            if (opcode == 'c') { // GLOBAL, "module\nname\n" inline
                input.mark(2 * MAX_GLOBAL_PART + 2);
                String module = line(input);
                String name = line(input);
                input.reset();
                requireKnown(module, name);
            } else if (opcode == 0x93) { // STACK_GLOBAL: the name on top of the stack, the module under it
                Object name = stack.pop();
                Object module = stack.peek();
                stack.add(name);
                requireKnown(String.valueOf(module), String.valueOf(name));
            }
            if (lengthBytes > 0) {
                input.mark(8);
                byte[] len = input.readNBytes(lengthBytes);
                input.reset();
                ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).put(len);
                long n = b.getLong(0);
                if (len.length < lengthBytes || n < 0 || n > input.available() - lengthBytes) {
                    throw new PickleException("opcode 0x" + Integer.toHexString(opcode) + " claims " + n
                            + " bytes, more than the file has left");
                }
            }
            return super.dispatch(opcode);
        }

        /**
         * A pickle names the classes and functions it builds objects with, and a general unpickler
         * would look them up and call them: a hostile checkpoint could name os.system. Only the
         * constructors registered here (a state dict's) are taken; anything else ends the read
         * before it is looked up.
         */
        private static void requireKnown(String module, String name) {
            if (!objectConstructors.containsKey(module + "." + name)) {
                throw new UnknownGlobal(module + "." + name);
            }
        }

        private static String line(java.io.InputStream in) throws IOException {
            StringBuilder b = new StringBuilder();
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0 || b.length() == MAX_GLOBAL_PART) {
                    throw new PickleException("a GLOBAL opcode without its two lines");
                }
                b.append((char) c);
            }
            return b.toString();
        }

        @Override
        protected Object persistentLoad(Object pid) {
            Object[] t = pid instanceof Object[] arr ? arr : ((List<?>) pid).toArray();
            if (t.length < 5 || !"storage".equals(t[0])) {
                throw new PickleException("unsupported persistent id " + Arrays.toString(t));
            }
            String type = t[1] instanceof StorageType st ? st.name() : "unknown storage class";
            String key = String.valueOf(t[2]);
            long elements = ((Number) t[4]).longValue();
            return storages.computeIfAbsent(key, k -> new StorageRef(k, type, elements));
        }
    }

    static Map<String, Tensor> read(byte[] file, String source) throws IOException {
        if (file.length >= 4 && file[0] == 'P' && file[1] == 'K' && file[2] == 3 && file[3] == 4) {
            throw new ModelFormatException(source + ": a zip-format checkpoint (torch.save since PyTorch 1.6), which is not"
                    + " supported; re-save it with torch.save(state_dict, path, _use_new_zipfile_serialization=False)");
        }
        ByteArrayInputStream in = new ByteArrayInputStream(file);
        TorchUnpickler up = new TorchUnpickler();
        Object dict;
        Object keys;
        try {
            Object magic = up.load(in);
            if (!(magic instanceof Number n) || !new BigInteger(n.toString()).equals(MAGIC)) {
                throw new ModelFormatException(source + ": not a legacy torch.save file (magic " + magic
                        + "); zip-format checkpoints are not supported, re-save with _use_new_zipfile_serialization=False");
            }
            up.load(in); // protocol version
            Object sysInfo = up.load(in);
            if (sysInfo instanceof Map<?, ?> m && Boolean.FALSE.equals(m.get("little_endian"))) {
                throw new ModelFormatException(source + ": big-endian checkpoints are not supported");
            }
            dict = up.load(in);
            keys = up.load(in);
        } catch (ModelFormatException e) {
            throw e;
        } catch (UnknownGlobal e) {
            throw new ModelFormatException(source + ": its pickle refers to " + e.global + ", which a PyTorch state dict never"
                    + " holds; not loaded (a pickle can name code to run, and this reader runs none)", e);
        } catch (IOException | RuntimeException e) {
            throw new ModelFormatException(source + ": unreadable pickle (truncated or not a torch checkpoint): " + e.getMessage(), e);
        }
        if (!(dict instanceof Map<?, ?> stateDict)) {
            throw new ModelFormatException(source + ": top-level object is " + (dict == null ? "None" : dict.getClass().getSimpleName()) + ", not a state dict");
        }
        readStorages(in, keys, up.storages, source);

        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : stateDict.entrySet()) {
            String name = String.valueOf(e.getKey());
            if (!(e.getValue() instanceof TensorRef t)) {
                throw new ModelFormatException(source + ": entry \"" + name + "\" is not a tensor");
            }
            out.put(name, materialise(name, t, source));
        }
        return out;
    }

    private static void readStorages(ByteArrayInputStream in, Object keys, Map<String, StorageRef> storages, String source) throws IOException {
        List<?> keyList = keys instanceof List<?> l ? l : keys instanceof Object[] a ? Arrays.asList(a) : null;
        if (keyList == null) {
            throw new ModelFormatException(source + ": storage key list missing");
        }
        for (Object k : keyList) {
            StorageRef s = storages.get(String.valueOf(k));
            if (s == null) {
                throw new ModelFormatException(source + ": storage " + k + " is not referenced by any tensor");
            }
            if (!s.type.equals("FloatStorage")) {
                throw new ModelFormatException(source + ": storage " + k + " has type " + s.type + "; only float32 is supported");
            }
            byte[] countBytes = in.readNBytes(8);
            if (countBytes.length < 8) {
                throw new ModelFormatException(source + ": truncated before storage " + k);
            }
            long count = ByteBuffer.wrap(countBytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
            if (count != s.elements || count < 0 || count > MAX_TENSOR_ELEMENTS || count * 4 > in.available()) {
                throw new ModelFormatException(source + ": storage " + k + " claims " + count + " elements ("
                        + s.elements + " expected, " + in.available() + " bytes left); file truncated or corrupt");
            }
            byte[] raw = in.readNBytes((int) count * 4);
            s.data = new float[(int) count];
            ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(s.data);
        }
    }

    private static Tensor materialise(String name, TensorRef t, String source) {
        if (t.storage.data == null) {
            throw new ModelFormatException(source + ": tensor \"" + name + "\" refers to storage " + t.storage.key + " which the file does not hold");
        }
        int[] shape = new int[t.size.length];
        long expectStride = 1;
        for (int i = t.size.length - 1; i >= 0; i--) {
            if (t.size[i] > 1 && t.stride[i] != expectStride) {
                throw new ModelFormatException(source + ": tensor \"" + name + "\" is not contiguous");
            }
            expectStride *= t.size[i];
            shape[i] = Math.toIntExact(t.size[i]);
        }
        long n = expectStride;
        if (t.offset < 0 || t.offset + n > t.storage.data.length) {
            throw new ModelFormatException(source + ": tensor \"" + name + "\" lies outside its storage");
        }
        return new Tensor(name, shape, Arrays.copyOfRange(t.storage.data, (int) t.offset, (int) (t.offset + n)));
    }
}
