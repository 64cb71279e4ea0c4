package dev.mssn.bench;

import dev.mssn.model.ModelSpec;
import dev.mssn.model.MssnParameters;
import dev.mssn.model.MssnParameters.Block;
import dev.mssn.model.MssnParameters.Conv;
import dev.mssn.model.MssnParameters.Unit;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * Writes an MSSN model as an ONNX graph (opset 17) from the project's own weights, op for op
 * as docs/mssn.md describes it: input 0..255 RGB floats [1, 3, H, W], output unrounded
 * 0..255 floats [1, 3, sH, sW]. Only the benchmarks use it, as the ONNX Runtime baseline.
 */
final class OnnxExport {

    // ONNX field numbers (onnx.proto)
    private static final int MODEL_IR_VERSION = 1;
    private static final int MODEL_PRODUCER = 2;
    private static final int MODEL_GRAPH = 7;
    private static final int MODEL_OPSET = 8;
    private static final int OPSET_VERSION = 2;
    private static final int GRAPH_NODE = 1;
    private static final int GRAPH_NAME = 2;
    private static final int GRAPH_INITIALIZER = 5;
    private static final int GRAPH_INPUT = 11;
    private static final int GRAPH_OUTPUT = 12;
    private static final int NODE_INPUT = 1;
    private static final int NODE_OUTPUT = 2;
    private static final int NODE_OP_TYPE = 4;
    private static final int NODE_ATTRIBUTE = 5;
    private static final int ATTR_NAME = 1;
    private static final int ATTR_I = 3;
    private static final int ATTR_S = 4;
    private static final int ATTR_INTS = 8;
    private static final int ATTR_TYPE = 20;
    private static final int ATTR_TYPE_INT = 2;
    private static final int ATTR_TYPE_STRING = 3;
    private static final int ATTR_TYPE_INTS = 7;
    private static final int TENSOR_DIMS = 1;
    private static final int TENSOR_DATA_TYPE = 2;
    private static final int TENSOR_NAME = 8;
    private static final int TENSOR_RAW_DATA = 9;
    private static final int FLOAT = 1;

    private final ProtoWriter graph = new ProtoWriter();
    private int values;

    private OnnxExport() {}

    /** The whole network as a serialised ONNX model for an H x W input. */
    static byte[] model(MssnParameters p, int height, int width) {
        OnnxExport g = new OnnxExport();
        ModelSpec spec = p.spec();
        int s = spec.scale();
        float[] mean = new float[3];
        for (int c = 0; c < 3; c++) {
            mean[c] = 255 * MssnParameters.RGB_MEAN[c];
        }
        String meanRgb = g.initializer(new int[] {1, 3, 1, 1}, mean);
        String x = g.node("Div", List.of(g.node("Sub", List.of("lr", meanRgb)), g.scalar(127.5f)));
        String skip = g.conv(x, p.skip());
        String x0 = g.conv(x, p.head());
        String h = x0;
        for (Block block : p.blocks()) {
            String y = h;
            for (Unit u : block.units()) {
                String t = g.relu6(g.conv1x1(y, u.expand(), spec.hidden(), spec.channels()));
                t = g.relu6(g.node("Conv", List.of(t, g.initializer(new int[] {spec.hidden(), 1, 3, 3}, u.depthwise())),
                        ints("kernel_shape", 3, 3), ints("pads", 1, 1, 1, 1), integer("group", spec.hidden())));
                t = g.conv1x1(t, u.project(), spec.channels(), spec.hidden());
                y = g.weighted(u.muRes(), t, u.muX(), y);
            }
            h = g.weighted(block.lambdaRes(), y, block.lambdaX(), x0);
        }
        String shuffled = g.node("DepthToSpace", List.of(g.node("Add", List.of(g.conv(h, p.tail()), skip))),
                integer("blocksize", s), string("mode", "CRD"));
        g.node("Add", List.of(g.node("Mul", List.of(shuffled, g.scalar(127.5f))), meanRgb), "hr");

        g.graph.string(GRAPH_NAME, spec.toString());
        g.graph.message(GRAPH_INPUT, valueInfo("lr", 1, 3, height, width));
        g.graph.message(GRAPH_OUTPUT, valueInfo("hr", 1, 3, height * s, width * s));
        return new ProtoWriter()
                .varint(MODEL_IR_VERSION, 8)
                .string(MODEL_PRODUCER, "mssn")
                .message(MODEL_OPSET, new ProtoWriter().varint(OPSET_VERSION, 17))
                .message(MODEL_GRAPH, g.graph)
                .toByteArray();
    }

    private String conv(String in, Conv conv) {
        String w = initializer(new int[] {conv.cout(), conv.cin(), conv.k(), conv.k()}, conv.weight());
        String b = initializer(new int[] {conv.cout()}, conv.bias());
        int pad = conv.k() / 2;
        return node("Conv", List.of(in, w, b), ints("kernel_shape", conv.k(), conv.k()), ints("pads", pad, pad, pad, pad));
    }

    private String conv1x1(String in, float[] weight, int cout, int cin) {
        return node("Conv", List.of(in, initializer(new int[] {cout, cin, 1, 1}, weight)), ints("kernel_shape", 1, 1));
    }

    private String relu6(String in) {
        return node("Clip", List.of(in, scalar(0f), scalar(6f)));
    }

    /** a * x + b * y. */
    private String weighted(float a, String x, float b, String y) {
        return node("Add", List.of(node("Mul", List.of(x, scalar(a))), node("Mul", List.of(y, scalar(b)))));
    }

    private String scalar(float v) {
        return initializer(new int[0], new float[] {v});
    }

    private String initializer(int[] dims, float[] data) {
        String name = "w" + values++;
        ProtoWriter t = new ProtoWriter();
        for (int d : dims) {
            t.varint(TENSOR_DIMS, d);
        }
        ByteBuffer raw = ByteBuffer.allocate(data.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        raw.asFloatBuffer().put(data);
        t.varint(TENSOR_DATA_TYPE, FLOAT).string(TENSOR_NAME, name).bytes(TENSOR_RAW_DATA, raw.array());
        graph.message(GRAPH_INITIALIZER, t);
        return name;
    }

    private String node(String op, List<String> inputs, ProtoWriter... attributes) {
        return node(op, inputs, "v" + values++, attributes);
    }

    private String node(String op, List<String> inputs, String output, ProtoWriter... attributes) {
        ProtoWriter n = new ProtoWriter();
        inputs.forEach(i -> n.string(NODE_INPUT, i));
        n.string(NODE_OUTPUT, output).string(NODE_OP_TYPE, op);
        for (ProtoWriter a : attributes) {
            n.message(NODE_ATTRIBUTE, a);
        }
        graph.message(GRAPH_NODE, n);
        return output;
    }

    private static ProtoWriter ints(String name, long... values) {
        ProtoWriter a = new ProtoWriter().string(ATTR_NAME, name).varint(ATTR_TYPE, ATTR_TYPE_INTS);
        for (long v : values) {
            a.varint(ATTR_INTS, v);
        }
        return a;
    }

    private static ProtoWriter integer(String name, long value) {
        return new ProtoWriter().string(ATTR_NAME, name).varint(ATTR_TYPE, ATTR_TYPE_INT).varint(ATTR_I, value);
    }

    private static ProtoWriter string(String name, String value) {
        return new ProtoWriter().string(ATTR_NAME, name).varint(ATTR_TYPE, ATTR_TYPE_STRING).string(ATTR_S, value);
    }

    private static ProtoWriter valueInfo(String name, int... shape) {
        ProtoWriter dims = new ProtoWriter();
        for (int d : shape) {
            dims.message(1, new ProtoWriter().varint(1, d)); // TensorShapeProto.dim, Dimension.dim_value
        }
        ProtoWriter tensor = new ProtoWriter().varint(1, FLOAT).message(2, dims); // elem_type, shape
        return new ProtoWriter().string(1, name).message(2, new ProtoWriter().message(1, tensor)); // name, type.tensor_type
    }
}
