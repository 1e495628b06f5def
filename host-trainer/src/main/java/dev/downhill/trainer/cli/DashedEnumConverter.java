package dev.downhill.trainer.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * An option value into an enum constant written in lower case with dashes ({@code per-tensor} for
 * {@code PER_TENSOR}), any case; anything else is refused naming the choices.
 */
abstract class DashedEnumConverter<E extends Enum<E>> implements ITypeConverter<E> {

    private final Class<E> type;
    private final String what;
    private final String choices;

    /**
     * @param what    the value's kind with its article, for the error ("a rounding")
     * @param choices the choices as the error names them ("double (TFLite Micro) or single (...)")
     */
    DashedEnumConverter(Class<E> type, String what, String choices) {
        this.type = type;
        this.what = what;
        this.choices = choices;
    }

    @Override
    public E convert(String value) {
        for (E e : type.getEnumConstants()) {
            if (e.name().replace('_', '-').equalsIgnoreCase(value)) {
                return e;
            }
        }
        throw new TypeConversionException("'" + value + "' is not " + what + ": use " + choices);
    }
}
