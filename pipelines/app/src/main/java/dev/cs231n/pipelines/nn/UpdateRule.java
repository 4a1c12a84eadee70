package dev.cs231n.pipelines.nn;

import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * The update rules the DL4J jobs offer, as DL4J updaters whose learning rate decays per epoch:
 * {@code lr_e = lr * decay^e} (the course's {@code lr_decay}).
 */
public enum UpdateRule {
    /** Plain SGD. */
    SGD,
    /** SGD with Nesterov momentum 0.9 (DL4J's momentum rule). */
    MOMENTUM,
    /** RMSProp, decay 0.99, eps 1e-8 (the course's defaults). */
    RMSPROP,
    /** Adam, beta1 0.9, beta2 0.999, eps 1e-8. */
    ADAM;

    /**
     * @param lr    initial learning rate
     * @param decay multiplicative decay per epoch (1 = none)
     * @return the updater
     */
    public IUpdater updater(double lr, double decay) {
        ISchedule s = new ExponentialSchedule(ScheduleType.EPOCH, lr, decay);
        return switch (this) {
            case SGD -> new Sgd(s);
            case MOMENTUM -> new Nesterovs(s, 0.9);
            case RMSPROP -> rmsProp(s);
            case ADAM -> new Adam(s);
        };
    }

    private static RmsProp rmsProp(ISchedule s) {
        RmsProp r = new RmsProp(s);
        r.setRmsDecay(0.99);
        r.setEpsilon(1e-8);
        return r;
    }
}
