package dev.downhill.trainer.tflite;

import java.util.Map;

/**
 * What {@link FlatBufferVerifier} needs to know about one FlatBuffers table: for each field id
 * that Downhill reads, its name and how it is stored. Ids that are not listed are never read and
 * therefore never checked. A layout mirrors one table of {@code src/main/fbs/tflite_subset.fbs}.
 */
final class FlatBufferTableLayout {

    /** How a field is stored. */
    enum Kind {
        /** Inline scalar of {@code size} bytes. */
        SCALAR,
        /** Offset to a string (byte vector + terminating 0). */
        STRING,
        /** Offset to a vector of inline scalars of {@code size} bytes each. */
        SCALAR_VECTOR,
        /** Offset to a table of layout {@code table}. */
        TABLE,
        /** Offset to a vector of offsets to tables of layout {@code table}. */
        TABLE_VECTOR,
        /** Value of a union: an offset to a table whose layout is chosen by the ubyte field {@code size} (its type id). */
        UNION
    }

    /** One field. {@code size} is the scalar width, or the element width, or (UNION) the id of the type field. */
    record Field(int id, String name, Kind kind, int size, FlatBufferTableLayout table,
                 Map<Integer, FlatBufferTableLayout> unionMembers) {
    }

    final String name;
    private final Field[] fields;

    FlatBufferTableLayout(String name, int fieldCount) {
        this.name = name;
        this.fields = new Field[fieldCount];
    }

    Field[] fields() {
        return fields;
    }

    FlatBufferTableLayout scalar(int id, String field, int size) {
        return put(new Field(id, field, Kind.SCALAR, size, null, null));
    }

    FlatBufferTableLayout string(int id, String field) {
        return put(new Field(id, field, Kind.STRING, 1, null, null));
    }

    FlatBufferTableLayout scalarVector(int id, String field, int elementSize) {
        return put(new Field(id, field, Kind.SCALAR_VECTOR, elementSize, null, null));
    }

    FlatBufferTableLayout table(int id, String field, FlatBufferTableLayout layout) {
        return put(new Field(id, field, Kind.TABLE, 4, layout, null));
    }

    FlatBufferTableLayout tableVector(int id, String field, FlatBufferTableLayout layout) {
        return put(new Field(id, field, Kind.TABLE_VECTOR, 4, layout, null));
    }

    FlatBufferTableLayout union(int id, String field, int typeFieldId, Map<Integer, FlatBufferTableLayout> members) {
        return put(new Field(id, field, Kind.UNION, typeFieldId, null, members));
    }

    private FlatBufferTableLayout put(Field f) {
        if (fields[f.id()] != null) {
            throw new IllegalStateException(name + ": field id " + f.id() + " declared twice");
        }
        fields[f.id()] = f;
        return this;
    }
}
