package org.mtl4j.datasets;

import java.util.Random;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A synthetic impression log for recommendation: users see items, some click, and a few of those
 * who click convert (buy). Click and conversion are the two tasks multi-task recommenders
 * (MMoE, PLE, ESMM) predict together.
 *
 * <p>Formula (parameters drawn first from {@link #create}'s seed, rows from {@link #table}'s):
 *
 * <pre>
 *   users u = 1..U, items i = 1..I              U = 2 000, I = 500 by default
 *   p_u, q_i, s_i ~ N(0, I_k / k), k = 8         user, item and a second item vector
 *   r_i = ρ q_i + √(1 − ρ²) s_i                  what makes an item worth buying, ρ = 0.5
 *   age_u ∈ {18-24, …, 65+} uniform,  device ∈ {mobile, desktop} (P(mobile) = 0.6) per impression
 *   category_i ∈ {c1..c10} uniform,  price_i = exp(N(3, 0.8²))
 *   an impression: user uniform, item with P(i) ∝ 1 / i^0.8 (popular items are shown more)
 *   click      ~ Bernoulli(σ(−3.3 + 4 p_uᵀq_i + 0.4·[mobile]))
 *   conversion ~ Bernoulli(σ(−1.7 + 4 p_uᵀr_i − 0.9 (log price_i − 3) − 0.5·[mobile])) if clicked,
 *                no otherwise
 * </pre>
 *
 * Why these: a click depends on the user–item affinity {@code p_uᵀq_i} and is cheaper on
 * mobile; a conversion happens only after a click, and depends on a partly different affinity
 * ({@code r_i} shares half of {@code q_i}: ρ = 0.5), on the price, and less on mobile. That is
 * the planted difference between the tasks: what attracts clicks is not all that sells, so a
 * model sharing everything between them pays for it, and the gates of MMoE or PLE have
 * something to separate. About 8 % of impressions are clicked and about 28 % of clicks convert
 * (2.4 % of impressions; {@code ImpressionLogTest} prints the rates of 200 000 rows), rare
 * enough that conversion trained on clicked rows only sees few examples (the sample-selection
 * problem ESMM, Ma et al. 2018, addresses).
 *
 * <p>Columns: {@code user_id} ("u17"), {@code item_id} ("i3"), {@code age}, {@code device},
 * {@code category}, {@code price}, {@code click} and {@code conversion} ("yes"/"no";
 * conversion is "no" on every row without a click).
 *
 * <p>Example:
 *
 * <pre>{@code
 * ImpressionLog log = ImpressionLog.create(7);     // U = 2 000, I = 500, ρ = 0.5
 * Table train = log.table(50_000, 1);
 * Table test = log.table(10_000, 2);
 * }</pre>
 */
public final class ImpressionLog {

    /** Dimension of the user and item vectors. */
    public static final int DIMENSION = 8;

    static final String[] AGES = {"18-24", "25-34", "35-44", "45-54", "55-64", "65+"};

    private final double[][] users;
    private final String[] ages;
    private final double[][] clickItems;
    private final double[][] buyItems;
    private final String[] categories;
    private final double[] prices;
    private final double[] popularity;

    private ImpressionLog(double[][] users, String[] ages, double[][] clickItems,
            double[][] buyItems, String[] categories, double[] prices, double[] popularity) {
        this.users = users;
        this.ages = ages;
        this.clickItems = clickItems;
        this.buyItems = buyItems;
        this.categories = categories;
        this.prices = prices;
        this.popularity = popularity;
    }

    /** 2 000 users, 500 items, ρ = 0.5. */
    public static ImpressionLog create(long seed) {
        return create(2_000, 500, 0.5, seed);
    }

    /**
     * Any size and task relation.
     *
     * @param userCount U, at least 1
     * @param itemCount I, at least 1
     * @param rho how much of the click affinity the conversion affinity shares, in [-1, 1]
     * @param seed seed of the users' and items' vectors and features
     */
    public static ImpressionLog create(int userCount, int itemCount, double rho, long seed) {
        if (userCount < 1 || itemCount < 1) {
            throw new IllegalArgumentException("There must be at least one user and one item."
                    + " Received: users=" + userCount + ", items=" + itemCount
                    + ". Use e.g. create(2000, 500, 0.5, seed).");
        }
        if (!(rho >= -1 && rho <= 1)) {
            throw new IllegalArgumentException("rho must be in [-1, 1]. Received: rho=" + rho
                    + ". Use e.g. 0.5.");
        }
        Random random = new Random(seed);
        double scale = 1 / Math.sqrt(DIMENSION);
        double[][] users = new double[userCount][];
        String[] ages = new String[userCount];
        for (int u = 0; u < userCount; u++) {
            users[u] = gaussian(random, scale);
            ages[u] = AGES[random.nextInt(AGES.length)];
        }
        double[][] clickItems = new double[itemCount][];
        double[][] buyItems = new double[itemCount][];
        String[] categories = new String[itemCount];
        double[] prices = new double[itemCount];
        double[] popularity = new double[itemCount];
        double rest = Math.sqrt(1 - rho * rho);
        double total = 0;
        for (int i = 0; i < itemCount; i++) {
            clickItems[i] = gaussian(random, scale);
            double[] other = gaussian(random, scale);
            buyItems[i] = new double[DIMENSION];
            for (int d = 0; d < DIMENSION; d++) {
                buyItems[i][d] = rho * clickItems[i][d] + rest * other[d];
            }
            categories[i] = "c" + (1 + random.nextInt(10));
            prices[i] = Math.exp(3 + 0.8 * random.nextGaussian());
            total += 1 / Math.pow(i + 1, 0.8);
            popularity[i] = total;
        }
        for (int i = 0; i < itemCount; i++) {
            popularity[i] /= total;
        }
        return new ImpressionLog(users, ages, clickItems, buyItems, categories, prices,
                popularity);
    }

    /**
     * {@code rows} impressions.
     *
     * @param rows number of impressions, at least 1
     * @param seed seed of the impressions (the same seed gives the same table)
     */
    public Table table(int rows, long seed) {
        if (rows < 1) {
            throw new IllegalArgumentException(
                    "rows must be at least 1. Received: rows=" + rows + ". Use e.g. 50000.");
        }
        Random random = new Random(seed);
        StringColumn user = StringColumn.create("user_id");
        StringColumn item = StringColumn.create("item_id");
        StringColumn age = StringColumn.create("age");
        StringColumn device = StringColumn.create("device");
        StringColumn category = StringColumn.create("category");
        DoubleColumn price = DoubleColumn.create("price");
        StringColumn click = StringColumn.create("click");
        StringColumn conversion = StringColumn.create("conversion");
        for (int r = 0; r < rows; r++) {
            int u = random.nextInt(users.length);
            int i = popularItem(random.nextDouble());
            boolean mobile = random.nextDouble() < 0.6;
            double clickLogit = -3.3 + 4 * dot(users[u], clickItems[i]) + (mobile ? 0.4 : 0);
            boolean clicked = random.nextDouble() < sigmoid(clickLogit);
            double buyLogit = -1.7 + 4 * dot(users[u], buyItems[i])
                    - 0.9 * (Math.log(prices[i]) - 3) - (mobile ? 0.5 : 0);
            boolean converted = clicked && random.nextDouble() < sigmoid(buyLogit);
            user.append("u" + (u + 1));
            item.append("i" + (i + 1));
            age.append(ages[u]);
            device.append(mobile ? "mobile" : "desktop");
            category.append(categories[i]);
            price.append(Math.round(prices[i] * 100) / 100.0);
            click.append(clicked ? "yes" : "no");
            conversion.append(converted ? "yes" : "no");
        }
        return Table.create("impressions", user, item, age, device, category, price, click,
                conversion);
    }

    /** The item whose cumulative popularity first reaches {@code uniform}. */
    private int popularItem(double uniform) {
        int low = 0;
        int high = popularity.length - 1;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (popularity[middle] < uniform) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    private static double[] gaussian(Random random, double scale) {
        double[] values = new double[DIMENSION];
        for (int d = 0; d < DIMENSION; d++) {
            values[d] = scale * random.nextGaussian();
        }
        return values;
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int d = 0; d < a.length; d++) {
            sum += a[d] * b[d];
        }
        return sum;
    }
}
