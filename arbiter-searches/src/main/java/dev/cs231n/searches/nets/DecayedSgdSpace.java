package dev.cs231n.searches.nets;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * The course Solver's update as an Arbiter updater space: SGD (or SGD with Nesterov momentum) whose learning rate,
 * a hyperparameter, is multiplied by {@code decay} after every epoch ({@code lr · decay^epoch}, DL4J's
 * {@link ExponentialSchedule} by epoch). Arbiter's own {@code SgdSpace} has a learning rate but no schedule.
 */
public class DecayedSgdSpace implements ParameterSpace<IUpdater> {

    private ParameterSpace<Double> learningRate;
    private double decay;
    private double momentum;

    /** For JSON deserialisation. */
    protected DecayedSgdSpace() {
    }

    /**
     * @param learningRate the initial learning rate's space
     * @param decay        factor per epoch, in (0, 1]
     * @param momentum     0 for plain SGD, else Nesterov momentum in (0, 1)
     */
    public DecayedSgdSpace(ParameterSpace<Double> learningRate, double decay, double momentum) {
        if (learningRate == null || !(decay > 0 && decay <= 1) || !(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("decayed SGD needs a learning-rate space, decay in (0, 1] and "
                    + "momentum in [0, 1), got " + learningRate + ", " + decay + ", " + momentum);
        }
        this.learningRate = learningRate;
        this.decay = decay;
        this.momentum = momentum;
    }

    @Override
    public IUpdater getValue(double[] point) {
        double lr = learningRate.getValue(point);
        ExponentialSchedule schedule = new ExponentialSchedule(ScheduleType.EPOCH, lr, decay);
        return momentum == 0 ? new Sgd(schedule) : new Nesterovs(schedule, momentum);
    }

    @Override
    public int numParameters() {
        return 0; // the learning rate's leaves carry the parameters
    }

    @Override
    public List<ParameterSpace> collectLeaves() {
        return learningRate.collectLeaves();
    }

    @Override
    public Map<String, ParameterSpace> getNestedSpaces() {
        return Map.of("learningRate", learningRate);
    }

    @Override
    public boolean isLeaf() {
        return false;
    }

    @Override
    public void setIndices(int... indices) {
        throw new UnsupportedOperationException("DecayedSgdSpace is not a leaf: its learning rate gets the indices");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DecayedSgdSpace d && decay == d.decay && momentum == d.momentum
                && learningRate.equals(d.learningRate);
    }

    @Override
    public int hashCode() {
        return Objects.hash(learningRate, decay, momentum);
    }

    @Override
    public String toString() {
        return "DecayedSgd(lr " + learningRate + ", decay " + decay + ", momentum " + momentum + ")";
    }
}
