package dev.downhill.trainer.tflite;

/**
 * Names and element sizes of TFLite tensor types (public schema values 0..18), for messages and
 * buffer-size checks. The schema subset names only FLOAT32, INT32 and INT8.
 */
final class TensorTypeNames {

    private TensorTypeNames() {
    }

    private static final String[] NAMES = {
        "FLOAT32", "FLOAT16", "INT32", "UINT8", "INT64", "STRING", "BOOL", "INT16", "COMPLEX64", "INT8",
        "FLOAT64", "COMPLEX128", "UINT64", "RESOURCE", "VARIANT", "UINT32", "UINT16", "INT4", "BFLOAT16",
    };

    static String of(int type) {
        return type >= 0 && type < NAMES.length ? NAMES[type] : "tensor type " + type;
    }
}
