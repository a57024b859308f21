import type { VendorFake } from '../core/vendor';
import { BambooHrFake } from './bamboohr';
import { BusinessCentralFake } from './businessCentral';
import { HarvestFake } from './harvest';
import { HubSpotFake } from './hubspot';
import { InboxFake } from './inbox';
import { KantataFake } from './kantata';
import { QuickBooksOnlineFake } from './quickBooksOnline';
import { SalesforceFake } from './salesforce';
import { XeroFake } from './xero';

/** Every vendor fake of the sandbox; adding a vendor adds one line here. */
export function createVendorFakes(): VendorFake[] {
	return [new HubSpotFake(), new HarvestFake(), new KantataFake(), new BambooHrFake(), new SalesforceFake(), new BusinessCentralFake(), new XeroFake(), new QuickBooksOnlineFake(), new InboxFake()];
}
