package org.mtl4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** {@code devices(...)}: what it resolves to, how shards are cut, and the messages of bad input. */
@Tag("unit")
class DevicesOptionTest {

    @Test
    void devicesNAreTheFirstNGpus() {
        assertThat(Devices.firstGpus(2).resolve(4)).containsExactly(Device.gpu(0), Device.gpu(1));
        assertThat(Devices.of(Device.cpu(), Device.cpu()).resolve(0))
                .containsExactly(Device.cpu(), Device.cpu());
        assertThat(FitSettings.of(FitOptions.devices(3)).devices()).hasToString("devices(3)");
        assertThat(FitSettings.of().devices()).isNull();
    }

    @Test
    void moreGpusThanTheMachineHasIsRefusedWithTheCountAndTheFix() {
        assertThatThrownBy(() -> Devices.firstGpus(2).resolve(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("devices(2) needs 2 GPUs, but DJL sees none on this machine."
                        + " Received: devices(2). Leave devices(...) out to train on the CPU;"
                        + " only to test the splitting without GPUs, devices(Device.cpu(),"
                        + " Device.cpu()) runs it on the CPU.");
        assertThatThrownBy(() -> Devices.firstGpus(4).resolve(2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("devices(4) needs 4 GPUs, but DJL sees 2 on this machine."
                        + " Received: devices(4). Use devices(2) or fewer; only to test the"
                        + " splitting without GPUs, devices(Device.cpu(), Device.cpu()) runs it"
                        + " on the CPU.");
    }

    @Test
    void oneGpuIsSingular() {
        assertThatThrownBy(() -> Devices.firstGpus(1).resolve(0))
                .hasMessageStartingWith("devices(1) needs 1 GPU, but DJL sees none on this"
                        + " machine.");
    }

    @Test
    void badCountsAndListsAreRefusedWithTheFix() {
        assertThatThrownBy(() -> FitOptions.devices(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("devices(n) needs at least one device. Received: devices(0). Use"
                        + " e.g. devices(2) for the first two GPUs.");
        assertThatThrownBy(() -> FitOptions.devices(new Device[0]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("devices(...) needs at least one device. Received: devices(). Use"
                        + " e.g. devices(Device.gpu(0), Device.gpu(1)).");
        assertThatThrownBy(() -> FitOptions.devices(Device.cpu(), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("devices(...) received null as device 2. Received: devices(cpu(),"
                        + " null). Use e.g. devices(Device.gpu(0), Device.gpu(1)).");
    }

    @Test
    void aGpuListedTwiceIsRefusedWhileCpuMayRepeat() {
        assertThatThrownBy(() -> FitOptions.devices(Device.gpu(0), Device.gpu(1), Device.gpu(0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("devices(...) lists gpu(0) twice. Received: devices(gpu(0), gpu(1),"
                        + " gpu(0)). List each GPU once; only Device.cpu() may repeat (to test"
                        + " the splitting without GPUs).");
        assertThat(Devices.of(Device.gpu(0), Device.cpu(), Device.cpu()).resolve(1))
                .containsExactly(Device.gpu(0), Device.cpu(), Device.cpu());
    }

    @Test
    void deviceAndDevicesTogetherAreRefused() {
        assertThatThrownBy(() -> FitSettings.of(FitOptions.device(Device.cpu()),
                        FitOptions.devices(2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("device(...) and devices(...) both say where to train. Received:"
                        + " device(cpu()), devices(2). Keep one: devices(...) alone (its first"
                        + " device holds the model).");
    }

    @Test
    void shardsAreContiguousAndDifferByAtMostOneRow() {
        assertThat(DeviceShards.bounds(20, 3)).containsExactly(0, 7, 14, 20);
        assertThat(DeviceShards.bounds(6, 2)).containsExactly(0, 3, 6);
        // fewer rows than devices: one row per device, the last devices sit the step out
        assertThat(DeviceShards.bounds(2, 3)).containsExactly(0, 1, 2);
        assertThat(DeviceShards.bounds(1, 4)).containsExactly(0, 1);
    }
}
