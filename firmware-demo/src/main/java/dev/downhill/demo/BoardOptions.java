package dev.downhill.demo;

/**
 * The board's few settings, parsed by hand from {@code --flag value} pairs (no option library on a
 * board). Every value is an integer or a path; {@link #parse(String[])} rejects anything else with one
 * message that names the flag.
 */
public final class BoardOptions {

    /** The flags, one per line, as {@code --help} prints them. */
    public static final String USAGE =
            "usage: java -jar firmware-demo.jar [options]\n"
            + "  --input FILE|-        sensor samples, one 'p0,...,p63,label' line each ('-' = stdin;\n"
            + "                        default: the bundled digits recording)\n"
            + "  --state FILE          parameter store file; adapted state survives real restarts\n"
            + "                        (default: in memory, surviving only the simulated reboot)\n"
            + "  --fresh               erase the saved state before starting\n"
            + "  --passes N            play the recording N times (default 2; not with '-')\n"
            + "  --label-every N       a labelled sample (the user's 'that was a 3' button) every N samples (default 4)\n"
            + "  --drift KIND          none | gain-offset | pixel-shift | dead-inputs (default gain-offset)\n"
            + "  --drift-at N          the sample at which the sensor drifts (default 120)\n"
            + "  --gain-permille N     gain for gain-offset, in thousandths (default 800)\n"
            + "  --offset N            offset for gain-offset, in raw units (default 1)\n"
            + "  --reboot-at N         simulate a power cycle at sample N; 0 = never (default 480)\n"
            + "  --log-every N         a status line every N samples (default 40)\n"
            + "  --window N            rolling accuracy window in samples (default 60)\n"
            + "  --help                print this and exit\n";

    private String input;
    private String state;
    private boolean fresh;
    private boolean help;
    private int passes = 2;
    private int labelEvery = 4;
    private int drift = SensorDrift.GAIN_OFFSET;
    private int driftAt = 120;
    private int gainPermille = 800;
    private int offset = 1;
    private int rebootAt = 480;
    private int logEvery = 40;
    private int window = 60;

    private BoardOptions() {
    }

    /** The defaults, as if no flag were given. */
    public static BoardOptions defaults() {
        return new BoardOptions();
    }

    /**
     * Parses the command line.
     *
     * @throws IllegalArgumentException naming the flag and the value that is wrong
     */
    public static BoardOptions parse(String[] args) {
        BoardOptions o = new BoardOptions();
        int i = 0;
        while (i < args.length) {
            String flag = args[i];
            if (flag.equals("--help") || flag.equals("-h")) {
                o.help = true;
                i++;
                continue;
            }
            if (flag.equals("--fresh")) {
                o.fresh = true;
                i++;
                continue;
            }
            if (i + 1 >= args.length) {
                if (isKnownValueFlag(flag)) {
                    throw new IllegalArgumentException(flag + " needs a value");
                }
                throw new IllegalArgumentException("unknown option '" + flag + "' (try --help)");
            }
            String value = args[i + 1];
            if (flag.equals("--input")) {
                o.input = value;
            } else if (flag.equals("--state")) {
                o.state = value;
            } else if (flag.equals("--drift")) {
                int kind = SensorDrift.kindOf(value);
                if (kind < 0) {
                    throw new IllegalArgumentException(
                            "--drift must be none, gain-offset, pixel-shift or dead-inputs, found '" + value + "'");
                }
                o.drift = kind;
            } else if (flag.equals("--passes")) {
                o.passes = integer(flag, value, 1, 1000);
            } else if (flag.equals("--label-every")) {
                o.labelEvery = integer(flag, value, 1, 1000000);
            } else if (flag.equals("--drift-at")) {
                o.driftAt = integer(flag, value, 0, Integer.MAX_VALUE);
            } else if (flag.equals("--gain-permille")) {
                o.gainPermille = integer(flag, value, 0, 10000);
            } else if (flag.equals("--offset")) {
                o.offset = integer(flag, value, Short.MIN_VALUE, Short.MAX_VALUE);
            } else if (flag.equals("--reboot-at")) {
                o.rebootAt = integer(flag, value, 0, Integer.MAX_VALUE);
            } else if (flag.equals("--log-every")) {
                o.logEvery = integer(flag, value, 1, Integer.MAX_VALUE);
            } else if (flag.equals("--window")) {
                o.window = integer(flag, value, 1, 100000);
            } else {
                throw new IllegalArgumentException("unknown option '" + flag + "' (try --help)");
            }
            i += 2;
        }
        if ("-".equals(o.input) && o.passes != 1) {
            if (containsFlag(args, "--passes")) {
                throw new IllegalArgumentException("--passes must be 1 when --input is '-' (a stream cannot be replayed)");
            }
            o.passes = 1;
        }
        return o;
    }

    private static boolean isKnownValueFlag(String flag) {
        return flag.equals("--input") || flag.equals("--state") || flag.equals("--drift") || flag.equals("--passes")
                || flag.equals("--label-every") || flag.equals("--drift-at") || flag.equals("--gain-permille")
                || flag.equals("--offset") || flag.equals("--reboot-at") || flag.equals("--log-every")
                || flag.equals("--window");
    }

    private static boolean containsFlag(String[] args, String flag) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals(flag)) {
                return true;
            }
        }
        return false;
    }

    private static int integer(String flag, String value, int min, int max) {
        int v;
        try {
            v = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " needs a whole number, found '" + value + "'");
        }
        if (v < min || v > max) {
            throw new IllegalArgumentException(flag + " must be " + min + ".." + max + ", found " + v);
        }
        return v;
    }

    /** The sample file, "-" for standard input, or null for the bundled recording. */
    public String input() {
        return input;
    }

    /** The parameter store file, or null for an in-memory store. */
    public String state() {
        return state;
    }

    /** Whether to erase saved state before starting. */
    public boolean fresh() {
        return fresh;
    }

    /** Whether {@code --help} was given. */
    public boolean help() {
        return help;
    }

    /** How many times the recording is played. */
    public int passes() {
        return passes;
    }

    /** A labelled sample arrives every this many samples. */
    public int labelEvery() {
        return labelEvery;
    }

    /** The {@link SensorDrift} kind. */
    public int drift() {
        return drift;
    }

    /** The 0-based sample index from which the drift applies. */
    public int driftAt() {
        return driftAt;
    }

    /** Gain for {@link SensorDrift#GAIN_OFFSET}, in thousandths. */
    public int gainPermille() {
        return gainPermille;
    }

    /** Offset for {@link SensorDrift#GAIN_OFFSET}, in raw units. */
    public int offset() {
        return offset;
    }

    /** The 0-based sample index before which the board power-cycles; 0 means never. */
    public int rebootAt() {
        return rebootAt;
    }

    /** A status line every this many samples. */
    public int logEvery() {
        return logEvery;
    }

    /** The rolling accuracy window in samples. */
    public int window() {
        return window;
    }
}
